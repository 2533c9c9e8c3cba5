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

    // The products by id (lower-case ObjectIds); unknown ids are absent.
    public async Task<Dictionary<string, Product>> GetAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var products = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        var request = new GetProductsByIdsRequest();
        foreach (var id in productIds.Distinct())
        {
            if (entries.TryGetValue(id, out Product? product) && product is not null)
            {
                products[id] = product;
            }
            else
            {
                request.Ids.Add(id);
            }
        }

        if (request.Ids.Count == 0)
        {
            return products;
        }

        var changesBefore = Interlocked.Read(ref changes);
        var response = await LookupAsync(request, cancellationToken);
        var current = Interlocked.Read(ref changes) == changesBefore;
        foreach (var product in response.Items)
        {
            products[product.Id] = product;
            if (current)
            {
                entries.Set(product.Id, product, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = EntryLifetime });
            }
        }

        return products;
    }

    public void Invalidate(string productId)
    {
        Interlocked.Increment(ref changes);
        entries.Remove(productId);
    }

    public void Dispose() => entries.Dispose();

    private async Task<GetProductsByIdsResponse> LookupAsync(GetProductsByIdsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // A client per lookup, as the factory intends: the cache lives as long as the process, its connections need not.
            var catalog = clientFactory.CreateClient<ProductCatalog.ProductCatalogClient>(nameof(ProductCatalog.ProductCatalogClient));
            return await catalog.GetProductsByIdsAsync(request, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode != StatusCode.Cancelled)
        {
            LogCatalogFailed(exception);
            throw new RpcException(new Status(StatusCode.Unavailable, "The product catalog could not be reached. Try again shortly."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The product catalog failed to return the products of a new order")]
    private partial void LogCatalogFailed(Exception exception);
}
