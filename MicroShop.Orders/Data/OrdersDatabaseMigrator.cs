namespace MicroShop.Orders.Data;

// Hosted services start before the web server listens, so no request, health probe included, reaches an old schema.
// EF Core takes a database lock while migrating, so several instances starting at once apply each migration once.
public sealed class OrdersDatabaseMigrator(IServiceScopeFactory scopeFactory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
