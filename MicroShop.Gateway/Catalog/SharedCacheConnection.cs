using StackExchange.Redis;

namespace MicroShop.Gateway.Catalog;

// Opens the connection to Redis before the Gateway serves. Aspire's client connects when the connection is first asked
// for, synchronously: asked for by a burst of first requests, that blocked every thread of a two-core machine's pool
// until the connect timeout (first catalog reads took 5.7 s in the bench). Redis being away at start costs that timeout
// once; the connection then keeps trying on its own.
public sealed class SharedCacheConnection(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IConnectionMultiplexer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
