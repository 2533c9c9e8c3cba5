namespace MicroShop.Products.Domain;

// Where an order's stock reservation stands. The rules are in Reservation.
public enum ReservationStatus
{
    // Stored only by versions before the reservation was settled in one write; such a reservation settles as before.
    Reserving,
    Reserved,
    Failed,
    Cancelled,
    Completed,
}
