using Microsoft.Extensions.Options;
using MicroShop.Orders.Scheduling;

namespace MicroShop.Orders.Messaging;

// Deletes outbox rows published longer ago than the retention, a batch at a time, so that the outbox holds what is
// still to be published plus a recent window instead of every message ever sent. Several instances may sweep at once:
// each deletes only rows no one else has locked, and a row left now is deleted by the next sweep.
public sealed partial class OutboxRetention(
    IServiceScopeFactory scopeFactory,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRetention> logger) : BatchedScan(timeProvider)
{
    // Every tenth of the retention, and between 1 s and a minute.
    protected override TimeSpan Interval =>
        IntervalWithin(options.Value.PublishedRetention, 10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    protected override int BatchSize => 1000;

    // Published rows leave the outbox in id order, which is roughly the order they were published in: the primary key
    // finds the oldest first, and no index on published_at costs every order an update of it.
    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.PublishedRetention;
        var publishedBefore = Time.GetStoredUtcNow() - retention;
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var deleted = await db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM outbox_messages
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE published_at < {publishedBefore}
                ORDER BY id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(deleted, retention);
        }

        return deleted;
    }

    protected override void ReportFailedRound(Exception exception) => LogSweepFailed(exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Deleted} outbox rows published more than {Retention} ago")]
    private partial void LogDeleted(int deleted, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox retention sweep failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
