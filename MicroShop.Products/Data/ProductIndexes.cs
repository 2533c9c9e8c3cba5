namespace MicroShop.Products.Data;

// Creates the indexes the catalog's queries need before the service takes requests.
// Creating an index that already exists is a no-op, so every start-up can do it.
public sealed class ProductIndexes(IMongoCollection<Product> products, ILogger<ProductIndexes> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<Product>.IndexKeys;
        var names = await products.Indexes.CreateManyAsync(
        [
            // Listing by category (and activity), in name order.
            new CreateIndexModel<Product>(keys
                .Ascending(product => product.Category)
                .Ascending(product => product.IsActive)
                .Ascending(product => product.Name)
                .Ascending(product => product.Id)),
            // Listing by activity alone, in name order.
            new CreateIndexModel<Product>(keys
                .Ascending(product => product.IsActive)
                .Ascending(product => product.Name)
                .Ascending(product => product.Id)),
        ], cancellationToken);
        logger.LogInformation("Product indexes ready: {Indexes}", string.Join(", ", names));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
