using Microsoft.Extensions.Options;
using MicroShop.Orders.Scheduling;
using MicroShop.Orders.Telemetry;

namespace MicroShop.Orders.Messaging;

// Cancels orders that have held reserved stock (PRODUCT_RESERVED) longer than the configured expiry, and tells Products
// through the outbox to release it. Several instances may scan at once: each locks the orders it cancels and skips
// those locked by another instance or by a request changing them; a skipped order is looked at again next scan.
public sealed partial class ReservationExpiry(
    IServiceScopeFactory scopeFactory,
    IOptions<ReservationExpiryOptions> options,
    OutboxSignal outboxSignal,
    OrderMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ReservationExpiry> logger) : BatchedScan(timeProvider)
{
    // Every fifth of the expiry, and between 1 s and 30 s.
    protected override TimeSpan Interval =>
        IntervalWithin(options.Value.ReservationExpiry, 5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    protected override int BatchSize => 100;

    protected override Task<int> RunBatchAsync(CancellationToken cancellationToken) =>
        CancelExpiredAsync(options.Value.ReservationExpiry, cancellationToken);

    protected override void ReportFailedRound(Exception exception) => LogScanFailed(exception);

    private async Task<int> CancelExpiredAsync(TimeSpan expiry, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();

        var cancelled = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var now = Time.GetStoredUtcNow();
            var reservedBefore = now - expiry;
            var reserved = OrderStatus.ProductReserved.ToName();

            // updated_at of a PRODUCT_RESERVED order is when it became reserved: ix_orders_status_updated_at finds them.
            // xmin is a system column, which SELECT * leaves out.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var expired = await db.Orders
                .FromSql($"""
                    SELECT *, xmin FROM orders
                    WHERE status = {reserved} AND updated_at <= {reservedBefore}
                    ORDER BY updated_at
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return expired;
            }

            // The cancellations' OrderCancelled messages continue this trace.
            using var activity = OrdersTelemetry.ActivitySource.StartActivity("reservation expiry");
            activity?.SetTag("microshop.orders.expired", expired.Count);
            foreach (var order in expired)
            {
                order.ExpireReservation(now);
                db.OutboxMessages.Add(OutboxMessage.Create(order.ToOrderCancelled(now), now));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return expired;
        });

        if (cancelled.Count > 0)
        {
            outboxSignal.Notify();
            foreach (var order in cancelled)
            {
                metrics.Changed(order);
                LogExpired(order.Id, expiry);
            }
        }

        return cancelled.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} cancelled: its reservation expired after {Expiry}")]
    private partial void LogExpired(Guid orderId, TimeSpan expiry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reservation expiry scan failed; the next scan tries again")]
    private partial void LogScanFailed(Exception exception);
}
