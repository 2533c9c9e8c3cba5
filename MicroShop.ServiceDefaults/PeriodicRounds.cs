using Microsoft.Extensions.Hosting;

namespace MicroShop.ServiceDefaults;

// A round of work at every tick of a timer, and at the start where the work asks for it; a round that fails is
// reported and tried again at the next tick.
public abstract class PeriodicRounds(TimeProvider timeProvider) : BackgroundService
{
    protected TimeProvider Time { get; } = timeProvider;

    protected abstract TimeSpan Interval { get; }

    protected virtual bool RunsAtStart => false;

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected abstract void ReportFailedRound(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        if (!RunsAtStart && !await timer.WaitForNextTickAsync(stoppingToken))
        {
            return;
        }

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
