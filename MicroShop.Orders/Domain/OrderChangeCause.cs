namespace MicroShop.Orders.Domain;

// What moved an order to a status: a client's request (placing, confirming, completing, cancelling), the saga's
// reservation outcome from Products, or the reservation expiry.
public enum OrderChangeCause
{
    Client,
    ReservationOutcome,
    ReservationExpiry,
}
