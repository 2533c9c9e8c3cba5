using MassTransit;

namespace MicroShop.Products.Messaging;

// Every consumer of product_reservation_queue: the queue, bound to products_exchange with the consumer's
// routing key, with the queue's concurrency and retries.
public abstract class ReservationQueueConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly string routingKey;

    protected ReservationQueueConsumerDefinition(string routingKey)
    {
        this.routingKey = routingKey;
        EndpointName = MessageTopology.ProductReservationQueue;
        ConcurrentMessageLimit = ReservationQueue.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindTopic(MessageTopology.ProductsExchange, routingKey);

        // On the consumer, not the endpoint: every definition configures the same endpoint, and two endpoint
        // retry filters would nest.
        consumerConfigurator.UseMessageRetry(ReservationQueue.Retry);
    }
}
