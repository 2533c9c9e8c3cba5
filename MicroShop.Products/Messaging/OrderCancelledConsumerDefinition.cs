namespace MicroShop.Products.Messaging;

public sealed class OrderCancelledConsumerDefinition()
    : ReservationQueueConsumerDefinition<OrderCancelledConsumer>(MessageTopology.OrderCancelledRoutingKey);
