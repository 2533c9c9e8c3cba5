using System.Globalization;

namespace MicroShop.AppHost.Infrastructure;

public static class InfrastructureBuilderExtensions
{
    public const string MessageBrokerName = "rabbitmq";
    public const string PostgresName = "postgres";
    public const string MongoDBName = "mongodb";

    // Redis, the shared level of the Gateway's product cache; also the connection string name the Gateway reads.
    public const string CacheName = "cache";

    // Every password is a secret parameter, in both modes: nothing secret is in the repository or the manifest.
    private const string MessageBrokerPassword = "rabbitmq-password";
    private const string PostgresPassword = "postgres-password";
    private const string MongoDBPassword = "mongodb-password";
    private const string CachePassword = "cache-password";

    public static InfrastructureResources AddInfrastructure(this IDistributedApplicationBuilder builder, InfrastructureMode mode) =>
        mode switch
        {
            InfrastructureMode.Containers => builder.AddContainerInfrastructure(),
            _ => builder.AddLocalInfrastructure(),
        };

    private static InfrastructureResources AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var rabbitmq = builder.AddRabbitMQ(MessageBrokerName, password: builder.AddPassword(MessageBrokerPassword, persist: true))
            .WithManagementPlugin()
            .WithDataVolume();

        var orders = builder.AddPostgres(PostgresName, password: builder.AddPassword(PostgresPassword, persist: true))
            .WithDataVolume()
            .AddDatabase(InfrastructureResources.OrdersDatabaseConnection, InfrastructureResources.OrdersDatabaseName);

        var mongoPassword = builder.AddPassword(MongoDBPassword, persist: true);
        var mongo = builder.AddResource(new MongoDBContainerResource(MongoDBName, InfrastructureResources.ProductsDatabaseName, mongoPassword.Resource))
            .WithImage(MongoDBContainerResource.Image, MongoDBContainerResource.Tag)
            .WithEnvironment("MONGO_INITDB_ROOT_USERNAME", MongoDBContainerResource.UserName)
            .WithEnvironment("MONGO_INITDB_ROOT_PASSWORD", mongoPassword)
            .WithEndpoint(port: null, targetPort: MongoDBContainerResource.Port, name: MongoDBContainerResource.EndpointName, scheme: "tcp")
            .WithVolume("microshop-mongodb-data", "/data/db")
            .WithMongoPingHealthCheck();

        var cache = builder.AddRedis(CacheName, password: builder.AddPassword(CachePassword, persist: true));

        return new InfrastructureResources(rabbitmq, orders, mongo, cache);
    }

    private static InfrastructureResources AddLocalInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var run = LocalRun.Create(builder);

        // A fresh data folder each run: the passwords need not outlive it. The MongoDB stand-in has no authentication
        // (it listens on loopback only); a real mongod started here would run without it too.
        var rabbitmqPassword = builder.AddPassword(MessageBrokerPassword, persist: false);
        var rabbitmq = run.AddServer(MessageBrokerName, "rabbitmq.sh", port => ReferenceExpression.Create($"amqp://microshop:{rabbitmqPassword}@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"))
            .WithEnvironment("RABBITMQ_USER", "microshop")
            .WithEnvironment("RABBITMQ_PASSWORD", rabbitmqPassword)
            .WithEnvironment("DIST_PORT", FreeTcpPort.Find().ToString())
            .WithLocalEndpoint("management", "MANAGEMENT_PORT", "http")
            .WithRabbitMQConnectionHealthCheck();

        var postgresPassword = builder.AddPassword(PostgresPassword, persist: false);
        var postgres = run.AddServer(
                PostgresName,
                "postgres.sh",
                port => ReferenceExpression.Create(
                    $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password={postgresPassword};Database={InfrastructureResources.OrdersDatabaseName}"))
            .WithEnvironment("POSTGRES_PASSWORD", postgresPassword)
            .WithEnvironment("POSTGRES_DB", InfrastructureResources.OrdersDatabaseName)
            .WithNpgsqlHealthCheck();

        var mongo = run.AddServer(
                MongoDBName,
                "mongodb.sh",
                port => ReferenceExpression.Create($"mongodb://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{InfrastructureResources.ProductsDatabaseName}"))
            .WithMongoPingHealthCheck();

        var cachePassword = builder.AddPassword(CachePassword, persist: false);
        var cache = run.AddServer(
                CacheName,
                "redis.sh",
                port => ReferenceExpression.Create($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},password={cachePassword}"))
            .WithEnvironment("REDIS_PASSWORD", cachePassword)
            .WithRedisPingHealthCheck();

        return new InfrastructureResources(rabbitmq, postgres, mongo, cache);
    }
}
