namespace MicroShop.Orders.Scheduling;

// A round of work at the start and then at every tick of a timer; a round that fails is reported and tried again at
// the next tick.
public abstract class PeriodicScan(TimeProvider timeProvider) : BackgroundService
{
    protected TimeProvider Time { get; } = timeProvider;

    protected abstract TimeSpan Interval { get; }

    // A fraction of the time the scan looks for keeps what it finds from outliving it by much; the bounds keep the
    // scans cheap.
    protected static TimeSpan IntervalWithin(TimeSpan window, int fraction, TimeSpan shortest, TimeSpan longest) =>
        TimeSpan.FromTicks(Math.Clamp(window.Ticks / fraction, shortest.Ticks, longest.Ticks));

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected abstract void ReportFailedRound(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                ReportFailedRound(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
