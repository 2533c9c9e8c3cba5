using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MicroShop.Orders.Data;

// The orders database answers a trivial query, on connections of its own: a probe that queued behind the orders'
// busy pool would report a working database as gone, and its callers would refuse orders that would have gone in.
public sealed class OrdersDatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck, IAsyncDisposable
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL did not answer.", exception);
        }
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
