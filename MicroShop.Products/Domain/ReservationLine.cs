namespace MicroShop.Products.Domain;

// How many units of one product an order holds.
public sealed record ReservationLine(string ProductId, int Quantity);
