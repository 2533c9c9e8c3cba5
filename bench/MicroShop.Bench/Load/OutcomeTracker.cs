using System.Collections.Concurrent;

namespace MicroShop.Bench.Load;

// Watches every accepted order until it leaves PENDING, then hands its outcome to the step that sent it.
public sealed class OutcomeTracker(IOutcomeSource source, TimeSpan interval) : IAsyncDisposable
{
    // Bounds one query's parameter array; the rest wait for the next tick.
    private const int BatchSize = 4_000;

    private readonly ConcurrentDictionary<Guid, PendingOrder> pending = new();
    private readonly ConcurrentQueue<Guid> accepted = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    public int ReadFailures { get; private set; }

    // Every order tracked so far, settled or not: what the saga's invariants are checked over after the run.
    public IReadOnlyCollection<Guid> Accepted => accepted;

    public void Start() => loop = Task.Run(() => RunAsync(stopping.Token));

    public void Track(Guid orderId, DateTimeOffset dueAt, StepRecorder step)
    {
        accepted.Enqueue(orderId);
        pending[orderId] = new PendingOrder(dueAt, step);
    }

    // After a step's drain: what has not settled by now is reported as unresolved, and no longer asked about.
    public void Forget(StepRecorder step)
    {
        foreach (var (id, order) in pending)
        {
            if (order.Step == step)
            {
                pending.TryRemove(id, out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var ids = pending.Keys.Take(BatchSize).ToList();
                if (ids.Count > 0)
                {
                    await SettleAsync(ids, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task SettleAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrderState> settled;
        try
        {
            settled = await source.ReadSettledAsync(ids, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed read is retried on the next tick; the count shows whether it mattered.
            ReadFailures++;
            return;
        }

        foreach (var state in settled)
        {
            if (Guid.TryParse(state.Id, out var id) && pending.TryRemove(id, out var order))
            {
                var latency = (state.UpdatedAt - order.DueAt).TotalMilliseconds;
                order.Step.Resolved(new OrderOutcome(state.Status, latency, state.UpdatedAt));
            }
        }
    }

    private sealed record PendingOrder(DateTimeOffset DueAt, StepRecorder Step);
}
