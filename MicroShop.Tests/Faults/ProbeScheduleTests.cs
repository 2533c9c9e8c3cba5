using MicroShop.ServiceDefaults.ServiceCalls;

namespace MicroShop.Tests.Faults;

// When a caller probes a service next: every probe interval while the service is in use, suspect or away; otherwise
// every idle interval, a wait that the first call to the service ends. The probes themselves, and what a failed one
// does, are FailFastTests' and the fault run's.
public sealed class ProbeScheduleTests
{
    private const long NeverCalled = 0;
    private const long Start = 1_000_000;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(2);

    private readonly ProbeSchedule schedule = new(Interval, IdleInterval);

    [Fact]
    public void A_serving_service_nobody_calls_is_probed_once_per_idle_interval_or_at_its_first_call()
    {
        var wait = schedule.Next(probeStarted: Start, now: Start + 50, NeverCalled, suspect: false);

        Assert.Equal(Quiet(1_950), wait);
    }

    [Fact]
    public void A_service_called_in_the_last_ten_seconds_is_probed_every_interval_then_quietly()
    {
        var lastCall = Start + 20;

        Assert.Equal(Busy(150), schedule.Next(Start, Start + 50, lastCall, suspect: false));
        Assert.Equal(Busy(150), schedule.Next(Start + 9_800, Start + 9_850, lastCall, suspect: false));
        Assert.Equal(Quiet(1_980), schedule.Next(Start + 10_000, Start + 10_020, lastCall, suspect: false));
    }

    [Fact]
    public void A_suspect_or_away_service_is_probed_every_interval_though_nobody_calls_it()
    {
        Assert.Equal(Busy(150), schedule.Next(Start, Start + 50, NeverCalled, suspect: true));
    }

    [Fact]
    public void A_probe_slower_than_the_interval_is_followed_by_the_next_at_once()
    {
        Assert.Equal(TimeSpan.Zero, schedule.Next(Start, Start + 400, NeverCalled, suspect: true).Delay);
    }

    [Fact]
    public async Task The_first_call_to_a_service_ends_its_probe_s_quiet_wait()
    {
        var availability = new ServiceAvailability([new ServiceDependency("orders")]);
        var wait = availability.WaitForCallAsync("orders", Timeout.InfiniteTimeSpan, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        availability.RecordCall("orders");

        await wait.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(availability.LastCall("orders") > 0);
    }

    // A wait at the probe interval's pace, which no call cuts short.
    private static ProbeWait Busy(int milliseconds) => new(TimeSpan.FromMilliseconds(milliseconds), UntilCalled: false);

    // A wait at the idle interval's pace, which the first call ends.
    private static ProbeWait Quiet(int milliseconds) => new(TimeSpan.FromMilliseconds(milliseconds), UntilCalled: true);
}
