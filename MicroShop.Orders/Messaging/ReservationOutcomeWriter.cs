using System.Threading.Channels;
using MicroShop.Orders.Telemetry;
using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Messaging;

// Group commit for reservation outcomes. The consumers hand their outcomes here and wait; the writer takes every outcome
// waiting at that moment and writes them in one unit of work: one SELECT of their orders, one SaveChanges (its
// statements in one round trip) and one commit, instead of one of each per outcome. The outcomes that arrive while a
// batch commits form the next one, so batches grow with the load, and an outcome that arrives alone is written at once.
//
// What holds as before: each message is acknowledged only after its own outcome is committed (at-least-once), and a
// repeated outcome changes nothing (the order takes one outcome). One message's fault stays its own: an unknown order or
// an outcome its order refuses fails only its consumer, and a batch that fails for any reason but an outage is written
// again one outcome at a time, so a poison message never takes the others to the error queue with it.
public sealed class ReservationOutcomeWriter(
    IServiceScopeFactory scopes,
    OutboxSignal outboxSignal,
    OrderMetrics metrics,
    TimeProvider timeProvider) : BackgroundService
{
    // Far above what the outcome queue's concurrency lets wait at once; a bound all the same.
    private const int MaxBatch = 256;

    private readonly Channel<PendingOutcome> pending =
        Channel.CreateUnbounded<PendingOutcome>(new UnboundedChannelOptions { SingleReader = true });

    public Task<WrittenOutcome> WriteAsync(ReservationOutcome outcome, CancellationToken cancellationToken)
    {
        var waiting = new PendingOutcome(outcome);
        if (!pending.Writer.TryWrite(waiting))
        {
            // Stopping: the message is not acknowledged, and comes back to this or another instance.
            throw new OperationCanceledException("Orders is stopping; the outcome was not written.");
        }

        return waiting.Written.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingOutcome>();
        try
        {
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            pending.Writer.TryComplete();
            foreach (var left in batch)
            {
                left.Written.TrySetCanceled(stoppingToken);
            }

            while (pending.Reader.TryRead(out var left))
            {
                left.Written.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<PendingOutcome> batch, CancellationToken cancellationToken)
    {
        try
        {
            await WriteTogetherAsync(batch, cancellationToken);
        }
        catch (Exception exception) when (batch.Count > 1 && !SharedQueue.IsOutage(exception) && !cancellationToken.IsCancellationRequested)
        {
            foreach (var one in batch)
            {
                await WriteAsync([one], cancellationToken);
            }
        }
        catch (Exception exception)
        {
            // Each consumer's retries take it from here: an outage is waited out, anything else retried and then faulted.
            foreach (var one in batch)
            {
                one.Written.TrySetException(exception);
            }
        }
    }

    private async Task WriteTogetherAsync(IReadOnlyList<PendingOutcome> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var ids = batch.Select(one => one.Outcome.OrderId).Distinct().ToArray();
        var orders = await db.Orders.Where(order => ids.Contains(order.Id)).ToDictionaryAsync(order => order.Id, cancellationToken);

        var now = timeProvider.GetStoredUtcNow();
        var effects = new ReservationOutcomeEffect?[batch.Count];
        var refused = new Exception?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = batch[i].Outcome;
            if (!orders.TryGetValue(outcome.OrderId, out var order))
            {
                effects[i] = ReservationOutcomeEffect.UnknownOrder;
                continue;
            }

            try
            {
                effects[i] = outcome.ApplyTo(order, now);
            }
            catch (ArgumentException exception)
            {
                // The order validates an outcome before it changes: a refused one leaves it as it was.
                refused[i] = exception;
                continue;
            }

            if (effects[i] == ReservationOutcomeEffect.ReleaseRequested)
            {
                db.OutboxMessages.Add(OutboxMessage.Create(order.ToOrderCancelled(now), now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        if (effects.Contains(ReservationOutcomeEffect.ReleaseRequested))
        {
            outboxSignal.Notify();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (refused[i] is { } exception)
            {
                batch[i].Written.TrySetException(exception);
                continue;
            }

            var order = orders.GetValueOrDefault(batch[i].Outcome.OrderId);
            if (effects[i] == ReservationOutcomeEffect.Taken)
            {
                metrics.Changed(order!);
            }

            batch[i].Written.TrySetResult(new WrittenOutcome(effects[i]!.Value, order?.Status));
        }
    }

    private sealed record PendingOutcome(ReservationOutcome Outcome)
    {
        public TaskCompletionSource<WrittenOutcome> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
