using System.Collections.Concurrent;
using Grpc.Net.ClientFactory;
using MicroShop.Contracts.Products.V1;
using Microsoft.Extensions.Caching.Memory;

namespace MicroShop.Orders.Catalog;

// The products that new orders are checked and priced against, kept for a while instead of asked of the catalog for
// every order. Products announces every replace and delete (ProductChanged), and each instance drops its copy; a copy
// also expires after EntryLifetime, for changes announced while this instance was disconnected from the broker. A copy
// that is out of date all the same cannot sell at an old price: each order line carries the price it captured, and
// Products reserves the line only at that price (the order fails otherwise).
public sealed partial class CatalogCache(GrpcClientFactory clientFactory, ILogger<CatalogCache> logger) : IDisposable
{
    // Only changes missed while disconnected from the broker depend on it, and those cannot sell at old terms either.
    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // Counts invalidations: a lookup that overlapped one does not keep what it read, which may predate the change.
    private long changes;

    // The lookups on their way to the catalog, by product id. An order that misses a product already being looked up
    // waits for that lookup instead of asking again: a burst of orders for a product this instance has not seen yet (a
    // new product, a restarted instance) otherwise asked the catalog once per order, hundreds of queries at once at
    // the moment it was least ready for them (CI: a restarted instance's burst of creates held past its 5 s deadline).
    private readonly ConcurrentDictionary<string, Task<GetProductsByIdsResponse>> lookups = new(StringComparer.OrdinalIgnoreCase);

    // The products by id (lower-case ObjectIds); unknown ids are absent.
    public async Task<Dictionary<string, Product>> GetAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var products = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        List<(string Id, Task<GetProductsByIdsResponse> Lookup)>? misses = null;
        var request = new GetProductsByIdsRequest();
        TaskCompletionSource<GetProductsByIdsResponse>? own = null;
        foreach (var id in productIds.Distinct())
        {
            if (entries.TryGetValue(id, out Product? product) && product is not null)
            {
                products[id] = product;
                continue;
            }

            own ??= new TaskCompletionSource<GetProductsByIdsResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            var lookup = lookups.GetOrAdd(id, own.Task);
            if (lookup == own.Task)
            {
                request.Ids.Add(id);
            }

            (misses ??= []).Add((id, lookup));
        }

        if (own is not null && request.Ids.Count > 0)
        {
            _ = LookUpAsync(request, own);
        }

        foreach (var (id, lookup) in misses ?? [])
        {
            var response = await lookup.WaitAsync(cancellationToken);
            if (response.Items.FirstOrDefault(product => string.Equals(product.Id, id, StringComparison.OrdinalIgnoreCase)) is { } product)
            {
                products[id] = product;
            }
        }

        return products;
    }

    public void Invalidate(string productId)
    {
        Interlocked.Increment(ref changes);
        entries.Remove(productId);
        // A lookup already on its way may have read the product before the change: later orders ask afresh.
        lookups.TryRemove(productId, out _);
    }

    public void Dispose() => entries.Dispose();

    // Not cancelled with the order that started it, which others may be waiting with; the call's deadline bounds it.
    private async Task LookUpAsync(GetProductsByIdsRequest request, TaskCompletionSource<GetProductsByIdsResponse> lookup)
    {
        var changesBefore = Interlocked.Read(ref changes);
        try
        {
            // A client per lookup, as the factory intends: the cache lives as long as the process, its connections need not.
            var catalog = clientFactory.CreateClient<ProductCatalog.ProductCatalogClient>(nameof(ProductCatalog.ProductCatalogClient));
            var response = await catalog.GetProductsByIdsAsync(request);
            if (Interlocked.Read(ref changes) == changesBefore)
            {
                foreach (var product in response.Items)
                {
                    entries.Set(product.Id, product, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = EntryLifetime });
                }
            }

            lookup.SetResult(response);
        }
        catch (RpcException exception) when (exception.StatusCode != StatusCode.Cancelled)
        {
            LogCatalogFailed(exception);
            lookup.SetException(new RpcException(new Status(StatusCode.Unavailable, "The product catalog could not be reached. Try again shortly.")));
        }
        catch (Exception exception)
        {
            // Every order waiting on the lookup gets its failure; none is left waiting.
            lookup.SetException(exception);
        }
        finally
        {
            // Kept in the cache first, so that an order finds the product either there or on its way.
            foreach (var id in request.Ids)
            {
                lookups.TryRemove(KeyValuePair.Create(id, lookup.Task));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The product catalog failed to return the products of a new order")]
    private partial void LogCatalogFailed(Exception exception);
}
