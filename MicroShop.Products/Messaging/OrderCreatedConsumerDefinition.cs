using MassTransit;

namespace MicroShop.Products.Messaging;

public sealed class OrderCreatedConsumerDefinition : ConsumerDefinition<OrderCreatedConsumer>
{
    public OrderCreatedConsumerDefinition()
    {
        EndpointName = MessageTopology.ProductReservationQueue;
        ConcurrentMessageLimit = ReservationQueue.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OrderCreatedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindTopic(MessageTopology.ProductsExchange, MessageTopology.OrderCreatedRoutingKey);

        // On the consumer, not the endpoint: both definitions configure the same endpoint, and two endpoint
        // retry filters would nest.
        consumerConfigurator.UseMessageRetry(ReservationQueue.Retry);
    }
}
