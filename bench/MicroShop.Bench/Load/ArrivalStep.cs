using System.Diagnostics;

namespace MicroShop.Bench.Load;

// Sends orders at a fixed arrival rate for a fixed time (open model): each send is scheduled by the clock,
// never by an earlier response, so a slow system meets the same demand and queues, as it would in production.
public static class ArrivalStep
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    public static async Task SendAsync(
        StepRecorder step, OrderMix mix, OrderSender sender, TimeSpan duration, int maxInFlight, CancellationToken cancellationToken)
    {
        var total = (long)(step.OfferedRate * duration.TotalSeconds);
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(Tick);
        long scheduled = 0;
        while (scheduled < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * step.OfferedRate) + 1);
            for (; scheduled < due; scheduled++)
            {
                if (!step.TryBeginSend(maxInFlight))
                {
                    continue;
                }

                // Latency counts from when the order was due, not from when this loop got to it: a late
                // scheduler must not hide the wait (coordinated omission).
                var dueAt = startedAt.AddSeconds(scheduled / (double)step.OfferedRate);
                _ = sender.SendAsync(mix.Next(scheduled), dueAt, step);
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }
}
