namespace MicroShop.Gateway.Orders;

public sealed record NewOrderItem(string? ProductId, int Quantity);
