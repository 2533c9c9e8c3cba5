namespace MicroShop.Orders.Domain;

// What the saga reports for an order: its products reserved, or not, with Products' reason. Outcomes arrive at least
// once and in any order: only an order still PENDING takes one; a late or repeated outcome changes nothing.
public sealed record ReservationOutcome
{
    // The one status in which an order takes an outcome.
    public const OrderStatus TakenIn = OrderStatus.Pending;

    private ReservationOutcome(OrderStatus status, string? reason)
    {
        Status = status;
        Reason = reason;
    }

    public static ReservationOutcome Reserved { get; } = new(OrderStatus.ProductReserved, null);

    public OrderStatus Status { get; }

    // The failure's reason, which the order keeps; none for a reservation.
    public string? Reason { get; }

    // The reason comes from Products and is for people: a longer one is cut rather than refused, or the order would
    // stay PENDING.
    public static ReservationOutcome Failed(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(OrderStatus.Failed, reason.Length > Order.FailureReasonMaxLength ? reason[..Order.FailureReasonMaxLength] : reason);
    }

    // The timeline entry of an order that takes this outcome at `now`, PENDING since `since`.
    public OrderStatusChange ChangeAt(DateTimeOffset since, DateTimeOffset now) =>
        OrderStatusChange.Moved(TakenIn, since, Status, now, OrderChangeCause.ReservationOutcome, Reason);
}
