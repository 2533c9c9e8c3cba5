namespace MicroShop.ServiceDefaults.ServiceCalls;

// How a service calls the services behind it (section "ServiceCalls").
public sealed class ServiceCallOptions
{
    public const string SectionName = "ServiceCalls";

    // Every call ends by then: a service slower than that is treated as failed, not waited for.
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);

    // How often each service is asked whether it can serve. With the timeout, it bounds how long callers wait on a
    // service that went away: at most one interval and one timeout.
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
