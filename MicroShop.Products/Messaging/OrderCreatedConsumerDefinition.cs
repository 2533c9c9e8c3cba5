using MicroShop.ServiceDefaults;

namespace MicroShop.Products.Messaging;

public sealed class OrderCreatedConsumerDefinition()
    : SharedQueueConsumerDefinition<OrderCreatedConsumer>(ReservationQueue.Settings, MessageTopology.OrderCreatedRoutingKey);
