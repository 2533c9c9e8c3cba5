namespace MicroShop.Tests.Orders;

// An order as the Gateway's JSON carries it.
public sealed record OrderView(
    string Id,
    string UserId,
    IReadOnlyList<OrderItemView> Items,
    decimal Total,
    string Status,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
