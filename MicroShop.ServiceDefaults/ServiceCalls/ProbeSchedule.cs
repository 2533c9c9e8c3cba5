namespace MicroShop.ServiceDefaults.ServiceCalls;

// When a caller asks a service again whether it can serve. Probes were most of an idle service's CPU, so a service
// that serves and that nobody has called for a while is asked only every idle interval, and the first call to it cuts
// that wait short; one that is called, whose last probe failed or that is away is asked every probe interval. So the
// first calls after a quiet spell wait on a service that stopped answering meanwhile as long as calls wait on one that
// stops answering under load: about a second.
public sealed class ProbeSchedule(TimeSpan interval, TimeSpan idleInterval)
{
    // How long after its last call a service still counts as in use.
    public static readonly TimeSpan InUseFor = TimeSpan.FromSeconds(10);

    // Times are Environment.TickCount64 milliseconds; a service never called has a last call of 0. Probes start at a
    // fixed pace: a slow probe shortens the wait after it.
    public ProbeWait Next(long probeStarted, long now, long lastCall, bool suspect)
    {
        var inUse = suspect || now - lastCall < InUseFor.TotalMilliseconds;
        var due = probeStarted + (long)(inUse ? interval : idleInterval).TotalMilliseconds;
        return new ProbeWait(TimeSpan.FromMilliseconds(Math.Max(0, due - now)), UntilCalled: !inUse);
    }
}
