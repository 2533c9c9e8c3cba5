namespace MicroShop.Gateway.Orders;

public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, int Page, int PageSize, long TotalCount);
