using MicroShop.ServiceDefaults;

namespace MicroShop.Products.Messaging;

public sealed class OrderCancelledConsumerDefinition()
    : SharedQueueConsumerDefinition<OrderCancelledConsumer>(ReservationQueue.Settings, MessageTopology.OrderCancelledRoutingKey);
