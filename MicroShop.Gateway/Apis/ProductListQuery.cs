namespace MicroShop.Gateway.Apis;

// GET /products?category=&isActive=&page=&pageSize=; what is absent is left to the service's defaults.
public sealed record ProductListQuery(string? Category, bool? IsActive, int? Page, int? PageSize);
