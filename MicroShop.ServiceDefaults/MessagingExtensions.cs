using MassTransit;
using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

// MassTransit on RabbitMQ with the saga's topology, for every service that takes part in the saga.
// Durable exchanges and queues, persistent messages and publisher confirms are MassTransit's defaults
// and stay on; a message is acknowledged only after its consumer has finished.
public static class MessagingExtensions
{
    private const string ConnectionName = "rabbitmq";

    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator> configureConsumers)
        where TBuilder : IHostApplicationBuilder
    {
        var broker = new Uri(builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is missing."));

        builder.Services.AddMassTransit(bus =>
        {
            configureConsumers(bus);

            // Nothing subscribes to MassTransit's Fault<T> events: a message that used up its retries is kept in its
            // queue's "_error" queue, which is what the dead-letter gauge counts.
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.PublishFaults = false);

            // MassTransit would otherwise report usage to its vendor over the internet.
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker, host =>
                {
                    var credentials = broker.UserInfo.Split(':', 2);
                    host.Username(Uri.UnescapeDataString(credentials[0]));
                    host.Password(Uri.UnescapeDataString(credentials.ElementAtOrDefault(1) ?? ""));
                });

                PublishOn<OrderCreated>(rabbit, MessageTopology.ProductsExchange, MessageTopology.OrderCreatedRoutingKey);
                PublishOn<OrderCancelled>(rabbit, MessageTopology.ProductsExchange, MessageTopology.OrderCancelledRoutingKey);
                PublishOn<OrderCompleted>(rabbit, MessageTopology.ProductsExchange, MessageTopology.OrderCompletedRoutingKey);
                PublishOn<ProductsReserved>(rabbit, MessageTopology.OrdersExchange, MessageTopology.ProductsReservedRoutingKey);
                PublishOn<ProductReservationFailed>(rabbit, MessageTopology.OrdersExchange, MessageTopology.ProductReservationFailedRoutingKey);
                PublishOn<ProductChanged>(rabbit, MessageTopology.CatalogExchange, MessageTopology.ProductChangedRoutingKey);
                PublishOn<ProductStockChanged>(rabbit, MessageTopology.CatalogExchange, MessageTopology.ProductStockChangedRoutingKey);

                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddHostedService<BrokerConnectionWatch>();

        return builder;
    }

    // Binds a consumer's queue to the topic exchange for one routing key, instead of MassTransit's
    // exchange-per-message-type convention.
    internal static void BindTopic(this IReceiveEndpointConfigurator endpoint, string exchange, string routingKey)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            return;
        }

        rabbit.ConfigureConsumeTopology = false;
        rabbit.Bind(exchange, binding =>
        {
            binding.ExchangeType = ExchangeType.Topic;
            binding.RoutingKey = routingKey;
        });
    }

    private static void PublishOn<TMessage>(IRabbitMqBusFactoryConfigurator rabbit, string exchange, string routingKey)
        where TMessage : class
    {
        rabbit.Message<TMessage>(message => message.SetEntityName(exchange));

        // The publisher does not declare the exchange: the consumers' endpoints declare it with their bindings, and
        // until one has, a publish fails and is retried instead of vanishing into an exchange with no queue. Declaring
        // it here would run in MassTransit's one-time setup of each send channel, and once that setup has failed (a
        // dropped connection, a publish deadline) every later publish on the channel waits forever (MassTransit 8.5.12
        // evicts it only when the publish itself fails).
        rabbit.Publish<TMessage>(publish => publish.Exclude = true);
        rabbit.Send<TMessage>(send => send.UseRoutingKeyFormatter(_ => routingKey));
    }
}
