namespace MicroShop.Gateway.Orders;

// The body of POST /orders. Everything is checked by the Orders service, so a missing field arrives there as empty.
public sealed record NewOrder(string? UserId, IReadOnlyList<NewOrderItem?>? Items);
