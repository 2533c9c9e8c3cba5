namespace MicroShop.Tests.Orders;

public sealed record OrderPageView(IReadOnlyList<OrderView> Items, int Page, int PageSize, long TotalCount);
