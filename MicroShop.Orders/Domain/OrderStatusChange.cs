namespace MicroShop.Orders.Domain;

// One entry of an order's timeline: the status it reached, when, why, and the reason given (a failure's or a
// cancellation's). An order reaches each status at most once.
public sealed class OrderStatusChange
{
    // Parameters named after properties, so EF Core materializes entries through it too.
    private OrderStatusChange(OrderStatus? previousStatus, OrderStatus status, DateTimeOffset at, OrderChangeCause cause, string? reason)
    {
        PreviousStatus = previousStatus;
        Status = status;
        At = at;
        Cause = cause;
        Reason = reason;
    }

    // None for the order's placement.
    public OrderStatus? PreviousStatus { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    public OrderChangeCause Cause { get; private set; }

    public string? Reason { get; private set; }

    // How long the order had been in the status it left: known for a change just made, for the saga's step metrics;
    // not stored, since the previous entry's time gives it.
    public TimeSpan? Elapsed { get; private init; }

    public static OrderStatusChange Placed(DateTimeOffset at) => new(null, OrderStatus.Pending, at, OrderChangeCause.Client, null);

    public static OrderStatusChange Moved(OrderStatus from, DateTimeOffset since, OrderStatus to, DateTimeOffset at, OrderChangeCause cause, string? reason) =>
        new(from, to, at, cause, reason) { Elapsed = at - since };
}
