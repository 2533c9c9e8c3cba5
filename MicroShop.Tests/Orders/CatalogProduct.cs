namespace MicroShop.Tests.Orders;

public sealed record CatalogProduct(string Id, string Name, decimal Price);
