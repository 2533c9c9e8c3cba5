namespace MicroShop.Gateway.Orders;

// Every status the order reached, oldest first.
public sealed record OrderTimelineResponse(string OrderId, IReadOnlyList<OrderStatusChangeResponse> Changes);
