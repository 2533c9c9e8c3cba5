using Grpc.Net.ClientFactory;
using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Apis;
using Microsoft.Extensions.Caching.Hybrid;

namespace MicroShop.Gateway.Catalog;

// Products as GET /products/{id} returns them, kept in HybridCache: this instance's memory first, then Redis (shared by
// every Gateway instance), then Products. Products announces every change a read can see (ProductChanged for a replace
// or a delete, ProductStockChanged for stock adjusted, taken or given back by orders, gathered over a quarter second),
// every instance hears it on a queue of its own and drops its copy and Redis's; the instance that forwarded a write
// drops them before it answers.
// A change missed while this instance was cut off from the broker shows within EntryLifetime.
public sealed partial class ProductCache(HybridCache cache, GrpcClientFactory clientFactory, ILogger<ProductCache> logger)
{
    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(1);

    private static readonly HybridCacheEntryOptions EntryOptions = new()
    {
        Expiration = EntryLifetime,
        LocalCacheExpiration = EntryLifetime,
    };

    // A look at the copies, which neither asks Products nor stores anything.
    private static readonly HybridCacheEntryOptions CachedOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData
            | HybridCacheEntryFlags.DisableLocalCacheWrite
            | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    // Counts invalidations: a read that overlapped one drops what it stored, which may predate the change.
    private long changes;

    public async Task<CachedProduct> GetAsync(string id, CancellationToken cancellationToken)
    {
        // Only an id that names a product is kept, under one spelling (Products reads an ObjectId in either case and
        // announces it in lower case); anything else goes to Products, which explains what is wrong with it.
        if (!IsObjectId(id))
        {
            return await ReadAsync(id, cancellationToken);
        }

        var key = Key(id);
        var changesBefore = Interlocked.Read(ref changes);
        var product = await cache.GetOrCreateAsync(
            key, (Cache: this, Id: id), static (state, token) => state.Cache.ReadAsync(state.Id, token), EntryOptions,
            cancellationToken: cancellationToken);
        if (Interlocked.Read(ref changes) != changesBefore)
        {
            await RemoveAsync(key, cancellationToken);
        }

        return product;
    }

    // This instance's or Redis's copy, or null: never a call to Products.
    public async ValueTask<CachedProduct?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsObjectId(id)
            ? await cache.GetOrCreateAsync<CachedProduct?>(
                Key(id), static _ => ValueTask.FromResult<CachedProduct?>(null), CachedOnly, cancellationToken: cancellationToken)
            : null;

    public async Task InvalidateAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref changes);
        // All at once: the Redis client pipelines the removals, one round trip for an announcement of many products
        // instead of one per product.
        await Task.WhenAll(productIds.Select(id => RemoveAsync(Key(id), cancellationToken)));
    }

    // Straight from Products, past the cache and leaving it as it is.
    public async ValueTask<CachedProduct> ReadAsync(string id, CancellationToken cancellationToken)
    {
        // A client per read, as the factory intends: the cache lives as long as the process, its connections need not.
        var catalog = clientFactory.CreateClient<ProductCatalog.ProductCatalogClient>(nameof(ProductCatalog.ProductCatalogClient));
        var product = await catalog.GetProductAsync(new GetProductRequest { Id = id }, cancellationToken: cancellationToken);
        return new CachedProduct(product.ToResponse(), product.Version);
    }

    // HybridCache drops this instance's copy first; Redis being away leaves its copy to expire, which is logged.
    private async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await cache.RemoveAsync(key, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSharedCopyNotRemoved(exception, key);
        }
    }

    private static string Key(string id) => $"product:{id.ToLowerInvariant()}";

    private static bool IsObjectId(string id) => id.Length == 24 && id.All(char.IsAsciiHexDigit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared copy of {Key} could not be removed from Redis; it expires on its own")]
    private partial void LogSharedCopyNotRemoved(Exception exception, string key);
}
