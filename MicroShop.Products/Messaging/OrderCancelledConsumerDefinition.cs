using MassTransit;

namespace MicroShop.Products.Messaging;

public sealed class OrderCancelledConsumerDefinition : ConsumerDefinition<OrderCancelledConsumer>
{
    public OrderCancelledConsumerDefinition()
    {
        EndpointName = MessageTopology.ProductReservationQueue;
        ConcurrentMessageLimit = ReservationQueue.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OrderCancelledConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindTopic(MessageTopology.ProductsExchange, MessageTopology.OrderCancelledRoutingKey);

        // On the consumer, not the endpoint: both definitions configure the same endpoint, and two endpoint
        // retry filters would nest.
        consumerConfigurator.UseMessageRetry(ReservationQueue.Retry);
    }
}
