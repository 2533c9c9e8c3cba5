namespace MicroShop.Products.Domain;

// Where an order's stock reservation stands. The rules are in Reservation.
public enum ReservationStatus
{
    Reserving,
    Reserved,
    Failed,
    Cancelled,
}
