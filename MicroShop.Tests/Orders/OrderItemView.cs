namespace MicroShop.Tests.Orders;

public sealed record OrderItemView(string ProductId, string? ProductName, int Quantity, decimal UnitPrice);
