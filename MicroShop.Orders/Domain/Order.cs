namespace MicroShop.Orders.Domain;

// An order and the rules of its status: every change of status goes through one of these methods.
public sealed class Order
{
    public const int MaxItems = 100;
    public const int UserIdMaxLength = 128;
    public const int IdempotencyKeyMaxLength = 200;
    public const int FailureReasonMaxLength = 500;

    private readonly List<OrderItem> items = [];

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
        return order;
    }

    public void Confirm(DateTimeOffset now) =>
        MoveTo(OrderStatus.Confirmed, "confirmed", now, OrderStatus.ProductReserved);

    public void Complete(DateTimeOffset now) =>
        MoveTo(OrderStatus.Completed, "completed", now, OrderStatus.Confirmed);

    // Cancelling twice is not an error: the second request finds what it asked for.
    public void Cancel(string? reason, DateTimeOffset now)
    {
        if (Status == OrderStatus.Cancelled)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason?.Length ?? 0, FailureReasonMaxLength, nameof(reason));
        MoveTo(OrderStatus.Cancelled, "cancelled", now, OrderStatus.Pending, OrderStatus.ProductReserved, OrderStatus.Confirmed);
        FailureReason = string.IsNullOrWhiteSpace(reason) ? null : reason;
    }

    private void MoveTo(OrderStatus target, string action, DateTimeOffset now, params ReadOnlySpan<OrderStatus> allowedFrom)
    {
        if (!allowedFrom.Contains(Status))
        {
            throw new OrderStatusException(Id, Status, action);
        }

        Status = target;
        UpdatedAt = now;
    }
}
