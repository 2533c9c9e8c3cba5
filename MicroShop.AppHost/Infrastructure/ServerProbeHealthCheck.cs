namespace MicroShop.AppHost.Infrastructure;

// Healthy when the server answers a real client through the connection string the services receive.
public sealed class ServerProbeHealthCheck(IResourceWithConnectionString resource, Func<string, CancellationToken, Task> probe)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await resource.GetConnectionStringAsync(cancellationToken);
        if (string.IsNullOrEmpty(connectionString))
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} has no connection string yet.");
        }

        try
        {
            await probe(connectionString, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} does not answer: {exception.Message}");
        }
    }
}
