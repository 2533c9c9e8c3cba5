namespace MicroShop.Orders.Messaging;

// What Products reported for one order: every line reserved, or none (and why).
public sealed record ReservationOutcome(Guid OrderId, bool Reserved, string? FailureReason)
{
    public static ReservationOutcome Succeeded(Guid orderId) => new(orderId, true, null);

    public static ReservationOutcome Failed(Guid orderId, string reason) => new(orderId, false, reason);

    // The saga's rule for a late or repeated outcome: only a pending order takes one. A reservation made for an order
    // cancelled meanwhile holds stock for nobody; its OrderCancelled may have reached Products before the reservation
    // did, so the cancellation is announced again (Products releases a reservation once, however often it hears of it).
    // A failure needs nothing: Products holds nothing for the order.
    public ReservationOutcomeEffect ApplyTo(Order order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (Reserved)
        {
            return order.MarkReserved(now) ? ReservationOutcomeEffect.Taken
                : order.Status == OrderStatus.Cancelled ? ReservationOutcomeEffect.ReleaseRequested
                : ReservationOutcomeEffect.Ignored;
        }

        return order.MarkFailed(FailureReason ?? "", now) ? ReservationOutcomeEffect.Taken : ReservationOutcomeEffect.Ignored;
    }
}
