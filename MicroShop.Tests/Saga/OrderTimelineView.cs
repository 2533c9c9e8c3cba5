namespace MicroShop.Tests.Saga;

// GET /orders/{id}/timeline as the Gateway's JSON carries it.
public sealed record OrderTimelineView(string OrderId, IReadOnlyList<OrderStatusChangeView> Changes);
