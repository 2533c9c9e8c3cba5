using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MicroShop.Products.Data;

// The service is only as healthy as its database: /health and grpc.health.v1 both report this.
public sealed class MongoPingHealthCheck(IMongoDatabase database) : IHealthCheck
{
    private static readonly BsonDocument Ping = new("ping", 1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "MongoDB did not answer a ping.", exception);
        }
    }
}
