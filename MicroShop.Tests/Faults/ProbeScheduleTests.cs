using MicroShop.ServiceDefaults.ServiceCalls;

namespace MicroShop.Tests.Faults;

// When a caller probes a service: at every tick while the service is in use, suspect or away, every idle interval
// otherwise. The probes themselves, and what a failed one does, are FailFastTests' and the fault run's.
public sealed class ProbeScheduleTests
{
    private const long Tick = 200;
    private const long IdleInterval = 2_000;
    private const long NeverCalled = 0;
    private const long Start = 1_000_000;

    private readonly ProbeSchedule schedule = new(TimeSpan.FromMilliseconds(IdleInterval));

    [Fact]
    public void A_serving_service_nobody_calls_is_probed_at_once_then_once_per_idle_interval()
    {
        Assert.Equal([Start, Start + IdleInterval, Start + 2 * IdleInterval], ProbedTicks(Start, 2 * IdleInterval, _ => NeverCalled));
    }

    [Fact]
    public void A_service_called_in_the_last_ten_seconds_is_probed_at_every_tick_then_once_per_idle_interval_again()
    {
        // Called once, between the first two ticks: in use until Start + 10,100 ms.
        var lastCall = Start + 100;

        var probed = ProbedTicks(Start, 14_000, now => now >= lastCall ? lastCall : NeverCalled);

        var whileInUse = Enumerable.Range(0, 51).Select(i => Start + i * Tick);
        Assert.Equal([.. whileInUse, Start + 12_000, Start + 14_000], probed);
    }

    [Fact]
    public void A_quiet_service_is_probed_at_the_first_tick_after_a_call()
    {
        ProbedTicks(Start, Tick, _ => NeverCalled);
        var call = Start + 3 * Tick + Tick / 2;

        Assert.False(schedule.IsDue(Start + 3 * Tick, NeverCalled, suspect: false));
        Assert.True(schedule.IsDue(Start + 4 * Tick, call, suspect: false));
    }

    [Fact]
    public void A_suspect_or_away_service_is_probed_at_every_tick_though_nobody_calls_it()
    {
        schedule.Probed(Start);

        Assert.All(
            Enumerable.Range(1, 9).Select(i => Start + i * Tick),
            now => Assert.True(schedule.IsDue(now, NeverCalled, suspect: true)));
        Assert.False(schedule.IsDue(Start + Tick, NeverCalled, suspect: false));
    }

    // The ticks, from `from` for `length` milliseconds, at which the probe loop probes, as ServiceProbe drives it.
    private List<long> ProbedTicks(long from, long length, Func<long, long> lastCallAt)
    {
        var probed = new List<long>();
        for (var now = from; now <= from + length; now += Tick)
        {
            if (schedule.IsDue(now, lastCallAt(now), suspect: false))
            {
                schedule.Probed(now);
                probed.Add(now);
            }
        }

        return probed;
    }
}
