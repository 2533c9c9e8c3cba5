using MicroShop.ServiceDefaults;

namespace MicroShop.Products.Messaging;

public sealed class OrderCompletedConsumerDefinition()
    : SharedQueueConsumerDefinition<OrderCompletedConsumer>(ReservationQueue.Settings, MessageTopology.OrderCompletedRoutingKey);
