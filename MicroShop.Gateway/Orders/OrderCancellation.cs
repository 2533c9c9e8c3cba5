namespace MicroShop.Gateway.Orders;

// The optional body of POST /orders/{id}/cancel.
public sealed record OrderCancellation(string? Reason);
