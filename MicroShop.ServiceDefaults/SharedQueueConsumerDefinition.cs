using MassTransit;
using Microsoft.Extensions.Hosting;

namespace MicroShop.ServiceDefaults;

// A consumer on a shared queue, bound by its message's routing key, with the queue's concurrency and retries.
public abstract class SharedQueueConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly SharedQueue queue;
    private readonly string routingKey;

    protected SharedQueueConsumerDefinition(SharedQueue queue, string routingKey)
    {
        this.queue = queue;
        this.routingKey = routingKey;
        EndpointName = queue.Name;
        ConcurrentMessageLimit = queue.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindTopic(queue.Exchange, routingKey);

        // On the consumer, not the endpoint: every definition configures the same endpoint, and two endpoint
        // retry filters would nest.
        // The outage retry is the outer filter: it starts over the short schedule once that is spent on an outage.
        consumerConfigurator.UseMessageRetry(SharedQueue.OutageRetry);
        consumerConfigurator.UseMessageRetry(SharedQueue.Retry);
    }
}
