namespace MicroShop.Orders.Monitoring;

// The orders PENDING for longer than the threshold, as last counted.
public sealed record StuckPendingOrders(long Count, DateTimeOffset? OldestSince);
