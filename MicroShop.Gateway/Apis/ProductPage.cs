namespace MicroShop.Gateway.Apis;

public sealed record ProductPage(IReadOnlyList<ProductResponse> Items, int Page, int PageSize, long TotalCount);
