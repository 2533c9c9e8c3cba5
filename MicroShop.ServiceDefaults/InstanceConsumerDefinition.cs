using MassTransit;
using Microsoft.Extensions.Hosting;

namespace MicroShop.ServiceDefaults;

// A consumer that every instance of a service runs for every message (a cache's invalidations, for one): each instance
// has a temporary queue of its own, bound to the topic exchange by the message's routing key and deleted with the
// instance's connection. Messages published while an instance is disconnected never reach it.
public abstract class InstanceConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly string exchange;
    private readonly string routingKey;

    protected InstanceConsumerDefinition(string queuePrefix, string exchange, string routingKey)
    {
        this.exchange = exchange;
        this.routingKey = routingKey;
        Endpoint(endpoint =>
        {
            endpoint.Name = queuePrefix;
            endpoint.Temporary = true;
            endpoint.InstanceId = Guid.NewGuid().ToString("N");
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.BindTopic(exchange, routingKey);
}
