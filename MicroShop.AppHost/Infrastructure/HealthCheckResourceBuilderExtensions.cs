using MongoDB.Bson;
using MongoDB.Driver;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace MicroShop.AppHost.Infrastructure;

public static class HealthCheckResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithGrpcHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints =>
        builder.WithCheck(resource => new GrpcHealthCheck(resource));

    public static IResourceBuilder<T> WithNpgsqlHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.WithCheck(resource => new ServerProbeHealthCheck(resource, async (connectionString, cancellationToken) =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }));

    public static IResourceBuilder<T> WithRabbitMQConnectionHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.WithCheck(resource => new ServerProbeHealthCheck(resource, async (connectionString, cancellationToken) =>
        {
            var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        }));

    public static IResourceBuilder<T> WithMongoPingHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.WithCheck(resource => new ServerProbeHealthCheck(resource, async (connectionString, cancellationToken) =>
        {
            var settings = MongoClientSettings.FromConnectionString(connectionString);
            settings.ServerSelectionTimeout = TimeSpan.FromSeconds(3);
            using var client = new MongoClient(settings);
            await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
        }));

    public static IResourceBuilder<T> WithRedisPingHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.WithCheck(resource => new ServerProbeHealthCheck(resource, async (connectionString, cancellationToken) =>
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
            await connection.GetDatabase().PingAsync();
        }));

    private static IResourceBuilder<T> WithCheck<T>(this IResourceBuilder<T> builder, Func<T, IHealthCheck> check)
        where T : IResource
    {
        var key = $"{builder.Resource.Name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => check(builder.Resource), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }
}
