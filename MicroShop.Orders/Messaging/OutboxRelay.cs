using System.Diagnostics;
using MassTransit;
using MicroShop.Contracts.Messages;
using MicroShop.Orders.Telemetry;

namespace MicroShop.Orders.Messaging;

// Publishes what the outbox holds, oldest first, at least once. Woken by OutboxSignal after a commit, and polling as
// well, so rows left behind by a crash between commit and publish, or by a broker outage, go out once it is possible.
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopeFactory,
    OutboxSignal signal,
    TimeProvider timeProvider,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // Only these types are ever read back from the payload column.
    private static readonly Dictionary<string, Type> MessageTypes = new[] { typeof(OrderCreated), typeof(OrderCancelled), typeof(OrderCompleted) }
        .ToDictionary(type => type.FullName!, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchResult batch;
            try
            {
                batch = await PublishBatchAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The outbox could not be read or marked: nothing counts as published, so nothing is lost.
                batch = new BatchResult(0, exception);
            }

            if (batch.Failure is not null)
            {
                LogPublishFailed(batch.Failure, batch.Published, backoff);
                await Task.Delay(backoff, timeProvider, stoppingToken);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
                continue;
            }

            backoff = FirstBackoff;

            // A full batch may have more right behind it; otherwise wait for a commit or the next poll.
            if (batch.Published < BatchSize)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    // One transaction: lock the oldest unpublished rows (rows another instance holds are skipped, never published twice
    // at the same time), publish them in order, mark what the broker confirmed, commit. A failed publish ends the batch,
    // so no message overtakes one that has not gone out.
    private async Task<BatchResult> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var publishEndpoint = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        // The retrying execution strategy replays the whole unit after a transient database failure; a replay may
        // publish a message again, which at-least-once delivery allows.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var messages = await db.OutboxMessages
                .FromSql($"""
                    SELECT * FROM outbox_messages
                    WHERE published_at IS NULL
                    ORDER BY id
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);

            var result = new BatchResult(0, null);
            foreach (var message in messages)
            {
                try
                {
                    await PublishAsync(publishEndpoint, message, cancellationToken);
                    message.MarkPublished(timeProvider.GetUtcNow());
                    result = result with { Published = result.Published + 1 };
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    message.RecordFailure(exception);
                    result = result with { Failure = exception };
                    break;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    private static async Task PublishAsync(IPublishEndpoint publishEndpoint, OutboxMessage message, CancellationToken cancellationToken)
    {
        var messageType = MessageTypes.GetValueOrDefault(message.MessageType)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an unknown type '{message.MessageType}'.");

        // The publish continues the trace of the request that wrote the row; MassTransit's send activity is its child
        // and carries the trace on to the consumers.
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = OrdersTelemetry.ActivitySource.StartActivity($"outbox publish {messageType.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("microshop.outbox.id", message.Id);

        // With publisher confirms on, the publish completes once the broker has the message; a broker that does not
        // answer must not hold the batch's locks forever.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await publishEndpoint.Publish(
            message.ReadMessage(messageType),
            messageType,
            context => context.MessageId = message.MessageId,
            timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing from the outbox stopped after {Published} messages; retrying in {Backoff}")]
    private partial void LogPublishFailed(Exception exception, int published, TimeSpan backoff);

    private sealed record BatchResult(int Published, Exception? Failure);
}
