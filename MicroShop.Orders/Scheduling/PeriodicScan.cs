using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Scheduling;

// A scan of the orders tables: a round at the start, so that what piled up while Orders was down is found at once, and
// then one at every tick.
public abstract class PeriodicScan(TimeProvider timeProvider) : PeriodicRounds(timeProvider)
{
    protected override bool RunsAtStart => true;

    // A fraction of the time the scan looks for keeps what it finds from outliving it by much; the bounds keep the
    // scans cheap.
    protected static TimeSpan IntervalWithin(TimeSpan window, int fraction, TimeSpan shortest, TimeSpan longest) =>
        TimeSpan.FromTicks(Math.Clamp(window.Ticks / fraction, shortest.Ticks, longest.Ticks));
}
