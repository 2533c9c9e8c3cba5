namespace MicroShop.Orders.Domain;

// An order and the rules of its status: every change a client or the reservation expiry makes goes through one of these
// methods; the saga's outcomes are ReservationOutcome's, taken in one statement (OrdersDbContext.TakeAsync).
public sealed class Order
{
    public const int MaxItems = 100;
    public const int UserIdMaxLength = 128;
    public const int IdempotencyKeyMaxLength = 200;
    public const int FailureReasonMaxLength = 500;
    public const string ReservationExpiredReason = "reservation expired";

    private readonly List<OrderItem> items = [];
    private readonly List<OrderStatusChange> changes = [];

    // Parameters named after properties, so EF Core materializes orders through it too.
    private Order(Guid id, string userId, string? idempotencyKey, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        IdempotencyKey = idempotencyKey;
        Status = OrderStatus.Pending;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    // The client's key for this order: a repeated create with it returns this order instead of placing another.
    public string? IdempotencyKey { get; private set; }

    public IReadOnlyList<OrderItem> Items => items;

    public decimal Total { get; private set; }

    public OrderStatus Status { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    // The status changes made since this instance was placed or read, stored with it in the same transaction (a new
    // order's by OrdersDbContext.PlaceAsync, a change's by SaveChanges). The whole timeline is never loaded with an
    // order (it is read on its own, OrdersDbContext.Timeline): a change needs only to add its entry.
    public IReadOnlyList<OrderStatusChange> Changes => changes;

    public static Order Place(string userId, IReadOnlyCollection<OrderItem> items, string? idempotencyKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userId.Length, UserIdMaxLength, nameof(userId));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey?.Length ?? 0, IdempotencyKeyMaxLength, nameof(idempotencyKey));
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count is 0 or > MaxItems)
        {
            throw new ArgumentOutOfRangeException(nameof(items), items.Count, $"An order has 1 to {MaxItems} items.");
        }

        if (items.DistinctBy(item => item.ProductId).Count() != items.Count)
        {
            throw new ArgumentException("Each product appears on one line only.", nameof(items));
        }

        // Version 7: time-ordered ids keep the primary key index compact.
        var order = new Order(Guid.CreateVersion7(now), userId, idempotencyKey, now);
        order.items.AddRange(items);
        order.Total = items.Sum(item => item.LineTotal);
        order.changes.Add(OrderStatusChange.Placed(now));
        return order;
    }

    public void Confirm(DateTimeOffset now) =>
        MoveTo(OrderStatus.Confirmed, "confirmed", now, OrderChangeCause.Client, null, OrderStatus.ProductReserved);

    public void Complete(DateTimeOffset now) =>
        MoveTo(OrderStatus.Completed, "completed", now, OrderChangeCause.Client, null, OrderStatus.Confirmed);

    // Cancelling twice is not an error: the second request finds what it asked for. Returns whether this call
    // cancelled the order, so the cancellation is announced (and counted) once.
    public bool Cancel(string? reason, DateTimeOffset now)
    {
        if (Status == OrderStatus.Cancelled)
        {
            return false;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason?.Length ?? 0, FailureReasonMaxLength, nameof(reason));
        var kept = string.IsNullOrWhiteSpace(reason) ? null : reason;
        MoveTo(OrderStatus.Cancelled, "cancelled", now, OrderChangeCause.Client, kept,
            OrderStatus.Pending, OrderStatus.ProductReserved, OrderStatus.Confirmed);
        FailureReason = kept;
        return true;
    }

    // An order that held reserved stock too long without being confirmed gives it back.
    public void ExpireReservation(DateTimeOffset now)
    {
        MoveTo(OrderStatus.Cancelled, "expired", now, OrderChangeCause.ReservationExpiry, ReservationExpiredReason, OrderStatus.ProductReserved);
        FailureReason = ReservationExpiredReason;
    }

    // Every change of status is kept on the timeline, with its cause and reason.
    private void MoveTo(
        OrderStatus target,
        string action,
        DateTimeOffset now,
        OrderChangeCause cause,
        string? reason,
        params ReadOnlySpan<OrderStatus> allowedFrom)
    {
        if (!allowedFrom.Contains(Status))
        {
            throw new OrderStatusException(Id, Status, action);
        }

        changes.Add(OrderStatusChange.Moved(Status, UpdatedAt, target, now, cause, reason));
        Status = target;
        UpdatedAt = now;
    }
}
