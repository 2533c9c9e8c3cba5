namespace MicroShop.Products.Messaging;

public sealed class OrderCompletedConsumerDefinition()
    : ReservationQueueConsumerDefinition<OrderCompletedConsumer>(MessageTopology.OrderCompletedRoutingKey);
