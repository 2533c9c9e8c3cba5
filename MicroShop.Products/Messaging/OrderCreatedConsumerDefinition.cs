namespace MicroShop.Products.Messaging;

public sealed class OrderCreatedConsumerDefinition()
    : ReservationQueueConsumerDefinition<OrderCreatedConsumer>(MessageTopology.OrderCreatedRoutingKey);
