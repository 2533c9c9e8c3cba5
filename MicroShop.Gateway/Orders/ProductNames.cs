using MicroShop.Contracts.Products.V1;

namespace MicroShop.Gateway.Orders;

// Today's names of the products on orders, from the catalog in one call. An order is worth returning without them,
// so a catalog that fails or is slow to answer yields no names rather than an error.
public sealed class ProductNames(ProductCatalog.ProductCatalogClient catalog, ILogger<ProductNames> logger)
{
    // Short enough that a stopped catalog (connection retries included) barely delays the answer.
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyDictionary<string, string>> LookupAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var request = new GetProductsByIdsRequest();
        request.Ids.AddRange(productIds.Distinct());
        if (request.Ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        try
        {
            var response = await catalog.GetProductsByIdsAsync(
                request,
                deadline: DateTime.UtcNow.Add(LookupTimeout),
                cancellationToken: cancellationToken);
            return response.Items.ToDictionary(product => product.Id, product => product.Name);
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Product names are left out: the catalog failed with {StatusCode}", exception.StatusCode);
            return new Dictionary<string, string>();
        }
    }
}
