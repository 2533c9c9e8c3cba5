namespace MicroShop.AppHost.Infrastructure;

public static class InfrastructureBuilderExtensions
{
    public const string MessageBrokerName = "rabbitmq";
    public const string PostgresName = "postgres";
    public const string MongoDBName = "mongodb";

    // Redis, the shared level of the Gateway's product cache; also the connection string name the Gateway reads.
    public const string CacheName = "cache";

    public static InfrastructureResources AddInfrastructure(this IDistributedApplicationBuilder builder, InfrastructureMode mode) =>
        mode switch
        {
            InfrastructureMode.Containers => builder.AddContainerInfrastructure(),
            _ => builder.AddLocalInfrastructure(),
        };

    private static InfrastructureResources AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var rabbitmq = builder.AddRabbitMQ(MessageBrokerName)
            .WithManagementPlugin()
            .WithDataVolume();

        var orders = builder.AddPostgres(PostgresName)
            .WithDataVolume()
            .AddDatabase(InfrastructureResources.OrdersDatabaseConnection, InfrastructureResources.OrdersDatabaseName);

        var mongo = builder.AddResource(new MongoDBContainerResource(MongoDBName, InfrastructureResources.ProductsDatabaseName))
            .WithImage(MongoDBContainerResource.Image, MongoDBContainerResource.Tag)
            .WithEndpoint(port: null, targetPort: MongoDBContainerResource.Port, name: MongoDBContainerResource.EndpointName, scheme: "tcp")
            .WithVolume("microshop-mongodb-data", "/data/db")
            .WithMongoPingHealthCheck();

        var cache = builder.AddRedis(CacheName);

        return new InfrastructureResources(rabbitmq, orders, mongo, cache);
    }

    private static InfrastructureResources AddLocalInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var run = LocalRun.Create(builder);

        var rabbitmqPassword = Secrets.Generate();
        var rabbitmq = run.AddServer(MessageBrokerName, "rabbitmq.sh", port => $"amqp://microshop:{rabbitmqPassword}@127.0.0.1:{port}/")
            .WithEnvironment("RABBITMQ_USER", "microshop")
            .WithEnvironment("RABBITMQ_PASSWORD", rabbitmqPassword)
            .WithEnvironment("DIST_PORT", FreeTcpPort.Find().ToString())
            .WithLocalEndpoint("management", "MANAGEMENT_PORT", "http")
            .WithRabbitMQConnectionHealthCheck();

        var postgresPassword = Secrets.Generate();
        var postgres = run.AddServer(
                PostgresName,
                "postgres.sh",
                port => $"Host=127.0.0.1;Port={port};Username=postgres;Password={postgresPassword};Database={InfrastructureResources.OrdersDatabaseName}")
            .WithEnvironment("POSTGRES_PASSWORD", postgresPassword)
            .WithEnvironment("POSTGRES_DB", InfrastructureResources.OrdersDatabaseName)
            .WithNpgsqlHealthCheck();

        var mongo = run.AddServer(MongoDBName, "mongodb.sh", port => $"mongodb://127.0.0.1:{port}/{InfrastructureResources.ProductsDatabaseName}")
            .WithMongoPingHealthCheck();

        var cachePassword = Secrets.Generate();
        var cache = run.AddServer(CacheName, "redis.sh", port => $"127.0.0.1:{port},password={cachePassword}")
            .WithEnvironment("REDIS_PASSWORD", cachePassword)
            .WithRedisPingHealthCheck();

        return new InfrastructureResources(rabbitmq, postgres, mongo, cache);
    }
}
