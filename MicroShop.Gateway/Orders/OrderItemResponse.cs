namespace MicroShop.Gateway.Orders;

// UnitPrice is the price captured when the order was placed; ProductName is today's name, null when the catalog
// could not be asked.
public sealed record OrderItemResponse(string ProductId, string? ProductName, int Quantity, decimal UnitPrice);
