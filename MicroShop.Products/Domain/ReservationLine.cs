namespace MicroShop.Products.Domain;

// How many units of one product an order holds, and the unit price the order captured (null for an order placed before
// orders carried it): a line is taken only at that price.
public sealed record ReservationLine(string ProductId, int Quantity, decimal? UnitPrice = null);
