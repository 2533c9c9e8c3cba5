namespace MicroShop.ServiceDefaults.ServiceCalls;

// When a caller asks a service again whether it can serve. Probes are most of an idle service's CPU, so a service
// that serves and that nobody has called for a while is asked only every idle interval; one that is called, or whose
// last probe failed, or that is away, at every tick of the probe interval. A call after a quiet spell brings the
// probes back at the next tick: its first calls wait on a service that stopped answering while nobody called it as
// long as on one that stops answering under load, about a second.
public sealed class ProbeSchedule(TimeSpan idleInterval)
{
    // How long after its last call a service still counts as in use.
    public static readonly TimeSpan InUseFor = TimeSpan.FromSeconds(10);

    private long? lastProbeMilliseconds;

    // Times are Environment.TickCount64 milliseconds; a service never called has a last call of 0.
    public bool IsDue(long nowMilliseconds, long lastCallMilliseconds, bool suspect) =>
        suspect
        || lastProbeMilliseconds is not { } lastProbe
        || nowMilliseconds - lastProbe >= idleInterval.TotalMilliseconds
        || nowMilliseconds - lastCallMilliseconds < InUseFor.TotalMilliseconds;

    public void Probed(long nowMilliseconds) => lastProbeMilliseconds = nowMilliseconds;
}
