namespace MicroShop.ServiceDefaults.ServiceCalls;

// How long a caller waits before its next probe of a service, and whether a call to the service ends the wait sooner.
public readonly record struct ProbeWait(TimeSpan Delay, bool UntilCalled);
