using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Catalog;

namespace MicroShop.Gateway.Orders;

// Today's names of the products on orders: from the product cache where it holds them, the rest from the catalog in
// one call. An order is worth returning without them, so a catalog that fails or is slow to answer yields no names
// rather than an error.
public sealed class ProductNames(ProductCache products, ProductCatalog.ProductCatalogClient catalog, ILogger<ProductNames> logger)
{
    // Short enough that a stopped catalog (connection retries included) barely delays the answer.
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyDictionary<string, string>> LookupAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var request = new GetProductsByIdsRequest();
        foreach (var id in productIds.Distinct())
        {
            if (await products.FindAsync(id, cancellationToken) is { } cached)
            {
                names[id] = cached.Product.Name;
            }
            else
            {
                request.Ids.Add(id);
            }
        }

        if (request.Ids.Count == 0)
        {
            return names;
        }

        try
        {
            var response = await catalog.GetProductsByIdsAsync(
                request,
                deadline: DateTime.UtcNow.Add(LookupTimeout),
                cancellationToken: cancellationToken);
            foreach (var product in response.Items)
            {
                names[product.Id] = product.Name;
            }
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Product names are left out: the catalog failed with {StatusCode}", exception.StatusCode);
        }

        return names;
    }
}
