using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MicroShop.Orders.Scheduling;
using MicroShop.Orders.Telemetry;

namespace MicroShop.Orders.Monitoring;

// Counts the orders PENDING for longer than Orders:Saga:StuckPendingAfter, for the gauge and for /health, which it
// reports Degraded while there are any. The count is one query through ix_orders_status_updated_at every fifth of the
// threshold (1 to 10 s), never per probe; the health check only reads the last count. Every instance counts the
// shared table, so each reports the same.
public sealed partial class SagaMonitor(
    IServiceScopeFactory scopeFactory,
    IOptions<SagaMonitorOptions> options,
    OrderMetrics metrics,
    TimeProvider timeProvider,
    ILogger<SagaMonitor> logger) : PeriodicScan(timeProvider), IHealthCheck
{
    private StuckPendingOrders? latest;

    // Every fifth of the threshold, and between 1 s and 10 s.
    protected override TimeSpan Interval =>
        IntervalWithin(options.Value.StuckPendingAfter, 5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.Value.StuckPendingAfter;
        var result = Volatile.Read(ref latest) switch
        {
            null => HealthCheckResult.Healthy("Not counted yet."),
            { Count: 0 } => HealthCheckResult.Healthy($"No order has been PENDING for longer than {threshold:c}."),
            var stuck => new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Orders PENDING for longer than {threshold:c}: {stuck.Count}, the oldest since {stuck.OldestSince:O}. The saga is "
                + "not settling them: is Products or the broker away, an OrderCreated parked or dead-lettered?"),
        };
        return Task.FromResult(result);
    }

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var stuck = await CountAsync(options.Value.StuckPendingAfter, cancellationToken);
        Volatile.Write(ref latest, stuck);
        metrics.StuckPendingOrdersCounted(stuck.Count);
    }

    // The last count stands: the database's own health check reports it away.
    protected override void ReportFailedRound(Exception exception) => LogCountFailed(exception);

    private async Task<StuckPendingOrders> CountAsync(TimeSpan threshold, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();

        // updated_at of a PENDING order is when it was placed.
        var pendingBefore = Time.GetStoredUtcNow() - threshold;
        var stuck = db.Orders.Where(order => order.Status == OrderStatus.Pending && order.UpdatedAt <= pendingBefore);
        var count = await stuck.LongCountAsync(cancellationToken);
        var oldest = count == 0
            ? (DateTimeOffset?)null
            : await stuck.OrderBy(order => order.UpdatedAt).Select(order => order.UpdatedAt).FirstAsync(cancellationToken);
        return new StuckPendingOrders(count, oldest);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the orders stuck in PENDING failed; the next count tries again")]
    private partial void LogCountFailed(Exception exception);
}
