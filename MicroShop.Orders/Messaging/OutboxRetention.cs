using Microsoft.Extensions.Options;

namespace MicroShop.Orders.Messaging;

// Deletes outbox rows published longer ago than the retention, a batch at a time, so that the outbox holds what is
// still to be published plus a recent window instead of every message ever sent. Several instances may sweep at once:
// each deletes only rows no one else has locked, and a row left now is deleted by the next sweep.
public sealed partial class OutboxRetention(
    IServiceScopeFactory scopeFactory,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRetention> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan MinSweepInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromMinutes(1);

    // A tenth of the retention keeps a row from outliving it by much; the bounds keep the sweeps rare and cheap.
    public static TimeSpan SweepInterval(TimeSpan retention) =>
        TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, MinSweepInterval.Ticks, MaxSweepInterval.Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.PublishedRetention;
        using var timer = new PeriodicTimer(SweepInterval(retention), timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = 0;
                int batch;
                do
                {
                    batch = await DeleteBatchAsync(timeProvider.GetStoredUtcNow() - retention, stoppingToken);
                    deleted += batch;
                }
                while (batch == BatchSize);

                if (deleted > 0)
                {
                    LogDeleted(deleted, retention);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(exception);
            }
        }
    }

    // Published rows leave the outbox in id order, which is roughly the order they were published in: the primary key
    // finds the oldest first, and no index on published_at costs every order an update of it.
    private async Task<int> DeleteBatchAsync(DateTimeOffset publishedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return await db.Database.ExecuteSqlAsync(
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
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Deleted} outbox rows published more than {Retention} ago")]
    private partial void LogDeleted(int deleted, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox retention sweep failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
