namespace MicroShop.Orders.Data;

public static class OrdersDatabaseExtensions
{
    public const string ConnectionName = "ordersdb";

    public static IHostApplicationBuilder AddOrdersDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"The connection string '{ConnectionName}' is missing.");

        // Transient failures (a restarting server, a dropped connection) are retried. A retried insert that had in fact
        // committed cannot duplicate the order: it collides with its own primary key or idempotency key.
        builder.Services.AddDbContext<OrdersDbContext>(options =>
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()));

        builder.Services.AddHostedService<OrdersDatabaseMigrator>();
        builder.Services.AddHealthChecks().AddDbContextCheck<OrdersDbContext>(ConnectionName);

        return builder;
    }
}
