namespace MicroShop.ServiceDefaults.ServiceCalls;

// How a service calls the services behind it (section "ServiceCalls").
public sealed class ServiceCallOptions
{
    public const string SectionName = "ServiceCalls";

    // Every call ends by then: a service slower than that is treated as failed, not waited for.
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);

    // How often each service is asked whether it can serve. A service that stops answering is found away after two
    // unanswered probes and a second without any answer to a call: callers wait on it about a second. Two refused
    // probes take two intervals; a NOT_SERVING answer is acted on at once.
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    // How often a service that serves and that nobody has called for ten seconds is asked (ProbeSchedule).
    public TimeSpan IdleProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(400);
}
