using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MicroShop.ServiceDefaults.ServiceCalls;

// One entry of /health per service called: Degraded, with the reason, while it is away. Degraded and not Unhealthy:
// what does not need that service still works, so this instance should keep its traffic.
public sealed class ServiceAvailabilityHealthCheck(string service, ServiceAvailability availability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(availability.IsAway(service, out var reason)
            ? HealthCheckResult.Degraded($"{service} is unavailable: {reason}")
            : HealthCheckResult.Healthy($"{service} is serving"));
}
