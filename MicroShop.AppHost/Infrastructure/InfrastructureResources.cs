namespace MicroShop.AppHost.Infrastructure;

// The servers the services depend on, whichever mode provides them.
public sealed record InfrastructureResources(
    IResourceBuilder<IResourceWithConnectionString> MessageBroker,
    IResourceBuilder<IResourceWithConnectionString> OrdersDatabase,
    IResourceBuilder<IResourceWithConnectionString> ProductsDatabase,
    IResourceBuilder<IResourceWithConnectionString> Cache)
{
    // The connection string names the services read, the same in both modes.
    public const string OrdersDatabaseConnection = "ordersdb";
    public const string ProductsDatabaseConnection = "productsdb";

    public const string OrdersDatabaseName = "orders";
    public const string ProductsDatabaseName = "products";
}
