namespace MicroShop.Orders.Domain;

// Where an order is in its life. The transitions between them are the Order's methods.
public enum OrderStatus
{
    Pending,
    ProductReserved,
    Confirmed,
    Failed,
    Completed,
    Cancelled,
}
