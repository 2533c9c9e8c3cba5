namespace MicroShop.Tests.Reservations;

// A message Products published on orders_exchange, as it travelled: its routing key, the MassTransit
// message type and the fields the tests look at.
public sealed record ReservationOutcome(string RoutingKey, string MessageType, Guid OrderId, string? Reason)
{
    public const string Succeeded = "reservation.succeeded";
    public const string Failed = "reservation.failed";

    public bool IsReserved => RoutingKey == Succeeded;
}
