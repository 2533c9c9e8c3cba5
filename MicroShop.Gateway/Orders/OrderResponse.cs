namespace MicroShop.Gateway.Orders;

public sealed record OrderResponse(
    string Id,
    string UserId,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Total,
    string Status,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
