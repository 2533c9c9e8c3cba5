namespace MicroShop.Orders.Data;

// Hosted services start before the web server listens, so no request, health probe included, reaches an old schema.
// Several instances start at once (replicas): each migrates under one PostgreSQL advisory lock, held by its session,
// so the first applies the migrations and the others find them applied. EF Core's own migration lock did not keep two
// instances from applying the same migration (42701: the column already exists), and the loser failed to start.
public sealed class OrdersDatabaseMigrator(IServiceScopeFactory scopeFactory) : IHostedService
{
    // Any fixed number, the same in every instance: it names the lock.
    private const long MigrationLock = 0x4D6963726F53686F;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database;

        // One connection for the lock and the migrations: the lock belongs to the session, and ends with it if this
        // process dies holding it.
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            await database.MigrateAsync(cancellationToken);
            await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
