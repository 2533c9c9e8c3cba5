using System.Diagnostics;
using System.Runtime.Serialization;
using MassTransit;
using MicroShop.Contracts.Messages;
using MicroShop.Orders.Telemetry;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MicroShop.Orders.Messaging;

// Publishes what the outbox holds, oldest first, at least once. Woken by OutboxSignal after a commit, and polling as
// well, so rows left behind by a crash between commit and publish, or by a broker outage, go out once it is possible.
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopeFactory,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    OrderMetrics metrics,
    TimeProvider timeProvider,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ParkedCountInterval = TimeSpan.FromSeconds(10);

    // Only these types are ever read back from the payload column.
    private static readonly Dictionary<string, Type> MessageTypes = new[] { typeof(OrderCreated), typeof(OrderCancelled), typeof(OrderCompleted) }
        .ToDictionary(type => type.FullName!, StringComparer.Ordinal);

    private readonly int maxAttempts = options.Value.MaxAttempts;
    private DateTimeOffset parkedCountedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchResult batch;
            try
            {
                // Not cancelled by shutdown: a batch under way finishes (each publish is bounded by its timeout) and
                // marks what went out, so a stopping instance leaves no published row to be published again.
                batch = await PublishBatchAsync(CancellationToken.None);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The outbox could not be read or marked: nothing counts as published, so nothing is lost.
                batch = new BatchResult([], 0, exception, null);
            }

            if (batch.Failure is not null)
            {
                // A batch that got somewhere before it stopped met a new obstacle (the next row behind a parked one, say):
                // its back-off starts again from the first step, so every row's attempts are spaced alike.
                if (batch.Settled > 0)
                {
                    backoff = FirstBackoff;
                }

                if (batch.FailedRow is { } row)
                {
                    LogRowFailed(batch.Failure, row.Id, row.MessageType, row.Attempts, maxAttempts, backoff);
                }
                else
                {
                    LogPublishFailed(batch.Failure, batch.Published.Count, backoff);
                }

                await Task.Delay(backoff, timeProvider, stoppingToken);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
                continue;
            }

            backoff = FirstBackoff;

            // A full batch may have more right behind it; otherwise wait for a commit or the next poll. After a commit,
            // wait a moment more: orders placed within it go out in one batch, which shares the transaction, the
            // SELECT, the UPDATE and the commit's WAL flush that a batch of one spends on every order.
            if (batch.Settled < BatchSize && await signal.WaitAsync(PollInterval, stoppingToken))
            {
                await Task.Delay(GatherWindow, timeProvider, stoppingToken);
            }
        }
    }

    // One transaction: lock the oldest rows still to be published (rows another instance holds are skipped, never
    // published twice at the same time; a row's attempts are only ever counted under its lock), publish them, mark what
    // the broker confirmed and what failed, commit.
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
                    WHERE published_at IS NULL AND parked_at IS NULL
                    ORDER BY id
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);

            var result = await PublishTogetherAsync(publishEndpoint, messages, cancellationToken);
            await MarkPublishedAsync(db, result.Published, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await CountParkedAsync(db, result.Parked > 0, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    // Every row of the batch published at once, each awaiting its own confirm: one at a time, each row waited a round
    // trip to the broker, and under load the relay (so the saga) was held to one message per round trip. Nothing is
    // charged to a row here: a channel closed by the broker because of one message fails every publish in flight on it.
    // So an outage ends the batch, and rows that may have failed for a reason of their own go again one at a time.
    private async Task<BatchResult> PublishTogetherAsync(
        IPublishEndpoint publishEndpoint, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var failures = await Task.WhenAll(messages.Select(message => TryPublishAsync(publishEndpoint, message, cancellationToken)));
        var result = new BatchResult([], 0, null, null);
        var failed = new List<OutboxMessage>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (failures[i] is null)
            {
                result = result.WithPublished(messages[i]);
            }
            else
            {
                failed.Add(messages[i]);
            }
        }

        return failures.FirstOrDefault(failure => failure is { IsRowFailure: false }) is { } outage
            ? result with { Failure = outage.Exception }
            : await PublishOneAtATimeAsync(publishEndpoint, failed, result, cancellationToken);
    }

    // In id order, one publish in flight, so that a failure is either the row's own or the broker's: a row's failure is
    // counted, and below the cap it ends the batch so that the rows behind it wait.
    private async Task<BatchResult> PublishOneAtATimeAsync(
        IPublishEndpoint publishEndpoint, IReadOnlyList<OutboxMessage> messages, BatchResult result, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var failure = await TryPublishAsync(publishEndpoint, message, cancellationToken);
            if (failure is null)
            {
                result = result.WithPublished(message);
                continue;
            }

            if (!failure.IsRowFailure)
            {
                // The broker is away, or the failure is not known to be the row's: the row is not charged for it,
                // so however long an outage lasts it parks nothing. The batch ends as before.
                result = result with { Failure = failure.Exception };
                break;
            }

            if (message.RecordFailure(failure.Exception, maxAttempts, timeProvider.GetUtcNow()))
            {
                LogParked(failure.Exception, message.Id, message.MessageId, message.MessageType, message.Attempts);
                result = result with { Parked = result.Parked + 1 };
                continue;
            }

            // Below the cap the batch ends and the relay backs off, as for an outage: while the failure may yet pass
            // (an instance of a newer version that knows the type, a refusal that was the broker's after all), the rows
            // of later batches wait. Only a parked row is overtaken for good: the price of the rows behind it not
            // waiting for an operator.
            result = result with { Failure = failure.Exception, FailedRow = message };
            break;
        }

        return result;
    }

    // The rows the broker confirmed, marked by one statement under the batch's locks rather than an UPDATE a row through
    // the change tracker (bench/JOURNAL.md, item 51). A publish counts as an attempt and clears the error of an earlier
    // one; a failure is recorded on the tracked row (RecordFailure) and saved with the batch.
    private async Task MarkPublishedAsync(OrdersDbContext db, IReadOnlyList<long> published, CancellationToken cancellationToken)
    {
        if (published.Count == 0)
        {
            return;
        }

        var ids = published.ToArray();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE outbox_messages SET published_at = {timeProvider.GetUtcNow()}, attempts = attempts + 1, last_error = NULL WHERE id = ANY({ids})",
            cancellationToken);
    }

    // Null once the broker has the message; otherwise the failure, and whether it is the row's own.
    private static async Task<PublishFailure?> TryPublishAsync(IPublishEndpoint publishEndpoint, OutboxMessage message, CancellationToken cancellationToken)
    {
        Type messageType;
        object content;
        try
        {
            messageType = MessageTypes.GetValueOrDefault(message.MessageType)
                ?? throw new InvalidOperationException($"Outbox message {message.Id} has an unknown type '{message.MessageType}'.");
            content = message.ReadMessage(messageType);
        }
        catch (Exception exception)
        {
            // Nothing but the row took part: reading it again fails again.
            return new PublishFailure(exception, IsRowFailure: true);
        }

        try
        {
            await PublishAsync(publishEndpoint, message, messageType, content, cancellationToken);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new PublishFailure(exception, IsRefusalOfTheMessage(exception));
        }
    }

    private static async Task PublishAsync(
        IPublishEndpoint publishEndpoint,
        OutboxMessage message,
        Type messageType,
        object content,
        CancellationToken cancellationToken)
    {
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
        await publishEndpoint.Publish(content, messageType, context => context.MessageId = message.MessageId, timeout.Token);
    }

    // What only this message may cause: MassTransit cannot serialize it, or the broker closed the channel with
    // PRECONDITION_FAILED while this publish awaited its confirm, as it does for a message over its size limit (which
    // points at this message only while it is the one publish in flight: PublishOneAtATimeAsync). Everything else, a
    // timeout, a refused or lost connection, a channel closed for another reason, a negative confirm (which MassTransit
    // reports as a connection failure), counts as the broker being unavailable.
    private static bool IsRefusalOfTheMessage(Exception exception) => exception is
        SerializationException
        or AlreadyClosedException { ShutdownReason: { Initiator: ShutdownInitiator.Peer, ReplyCode: Constants.PreconditionFailed } };

    // Feeds the gauge of parked rows: every instance reads the shared count, at most every ParkedCountInterval and
    // right after it parked a row, through the small partial index of parked rows.
    private async Task CountParkedAsync(OrdersDbContext db, bool parkedSome, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!parkedSome && now - parkedCountedAt < ParkedCountInterval)
        {
            return;
        }

        metrics.ParkedOutboxMessagesCounted(await db.ParkedOutboxMessages.LongCountAsync(cancellationToken));
        parkedCountedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing from the outbox stopped after {Published} messages; retrying in {Backoff}")]
    private partial void LogPublishFailed(Exception exception, int published, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} ({MessageType}) failed attempt {Attempts} of {MaxAttempts}; retrying in {Backoff}")]
    private partial void LogRowFailed(Exception exception, long outboxId, string messageType, int attempts, int maxAttempts, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} ({MessageId}, {MessageType}) parked after {Attempts} failed attempts; the messages behind it go on. Replay it from the admin API once fixed")]
    private partial void LogParked(Exception exception, long outboxId, Guid messageId, string messageType, int attempts);

    private sealed record BatchResult(IReadOnlyList<long> Published, int Parked, Exception? Failure, OutboxMessage? FailedRow)
    {
        // Rows this batch is done with: published, or parked for good.
        public int Settled => Published.Count + Parked;

        public BatchResult WithPublished(OutboxMessage message) => this with { Published = [.. Published, message.Id] };
    }

    private sealed record PublishFailure(Exception Exception, bool IsRowFailure);
}
