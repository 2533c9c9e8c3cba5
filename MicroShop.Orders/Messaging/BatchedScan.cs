namespace MicroShop.Orders.Messaging;

// Work done in batches on a timer, from the start and then at every tick: each round takes batches until one comes back
// short of a full batch, and a round that fails is reported and tried again at the next tick.
public abstract class BatchedScan(TimeProvider timeProvider) : BackgroundService
{
    protected TimeProvider Time { get; } = timeProvider;

    protected abstract TimeSpan Interval { get; }

    protected abstract int BatchSize { get; }

    // A fraction of the time the scan looks for keeps what it finds from outliving it by much; the bounds keep the
    // scans cheap.
    protected static TimeSpan IntervalWithin(TimeSpan window, int fraction, TimeSpan shortest, TimeSpan longest) =>
        TimeSpan.FromTicks(Math.Clamp(window.Ticks / fraction, shortest.Ticks, longest.Ticks));

    // Returns how many items the batch took.
    protected abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    protected abstract void ReportFailedRound(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                while (await RunBatchAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more.
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                ReportFailedRound(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
