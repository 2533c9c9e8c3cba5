using MassTransit;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MicroShop.Gateway.Catalog;

public static class ProductCacheExtensions
{
    // The connection string the AppHost hands over in both infrastructure modes.
    private const string RedisConnectionName = "cache";

    public static IHostApplicationBuilder AddProductCache(this IHostApplicationBuilder builder)
    {
        // Redis being away costs reads their shared copy, never their answer: a command fails at once instead of
        // waiting in StackExchange.Redis's backlog for the reconnection, HybridCache takes a failed read for a miss and
        // logs a failed write, and /health does not ask for Redis (the Gateway serves without it).
        builder.AddRedisClient(
            RedisConnectionName,
            settings => settings.DisableHealthChecks = true,
            options => options.BacklogPolicy = BacklogPolicy.FailFast);
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>()
            .Configure<IServiceProvider>((options, services) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddHostedService<SharedCacheConnection>();
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<ProductCache>();

        // The catalog's change announcements. Without the broker the Gateway still serves (copies expire on their own),
        // so the bus makes /health Degraded, not Unhealthy.
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<CatalogChangeConsumer, CatalogChangeConsumerDefinition>();
            bus.ConfigureHealthCheckOptions(options => options.MinimalFailureStatus = HealthStatus.Degraded);
        });

        return builder;
    }
}
