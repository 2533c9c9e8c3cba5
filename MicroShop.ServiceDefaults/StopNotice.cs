using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MicroShop.ServiceDefaults;

// Tells callers that a stopping service is going before it goes. From SIGTERM on, the service reports that it cannot
// serve, and the stop waits a moment before Kestrel closes its connections: callers' probes (every 200 ms while they
// call it) find it away and stop sending. Without the notice a caller could start a call on a connection the server
// was just closing, and that call failed (502 at the Gateway) instead of being refused fast.
public sealed class StopNotice(IHostApplicationLifetime lifetime) : IHealthCheck, IHostedLifecycleService
{
    public const string HealthCheckName = "stopping";

    // Five of the callers' probe intervals: room for a busy machine to delay a probe or two.
    private static readonly TimeSpan Notice = TimeSpan.FromSeconds(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the service is stopping")
            : HealthCheckResult.Healthy("the service is not stopping"));

    // Runs after ApplicationStopping is signalled and before any hosted service, Kestrel included, is stopped.
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.Delay(Notice, cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
