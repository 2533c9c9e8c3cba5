using System.Text;
using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Npgsql;
using RabbitMQ.Client;

namespace MicroShop.Tests.Foundation;

// Each server answers a real client through the connection string the AppHost hands to the services.
[Collection(DistributedAppCollection.Name)]
public sealed class InfrastructureConnectionTests(DistributedAppFixture fixture)
{
    [Fact]
    public async Task RabbitMQ_round_trips_a_persistent_message()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await fixture.GetConnectionStringAsync("rabbitmq")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(exclusive: true);
        var body = Encoding.UTF8.GetBytes($"ping {Guid.NewGuid()}");

        await channel.BasicPublishAsync("", queue.QueueName, mandatory: true,
            new BasicProperties { Persistent = true }, body);
        // basic.get answers at once, possibly before the broker has routed the message.
        var received = (await Poll.UntilAsync(
            () => channel.BasicGetAsync(queue.QueueName, autoAck: true),
            result => result is not null,
            $"the message on {queue.QueueName}"))!;

        Assert.Equal(body, received.Body.ToArray());
    }

    [Fact]
    public async Task PostgreSQL_answers_on_the_orders_database()
    {
        await using var connection = new NpgsqlConnection(await fixture.GetConnectionStringAsync("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("orders", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MongoDB_answers_on_the_products_database()
    {
        var url = MongoUrl.Create(await fixture.GetConnectionStringAsync("mongodb"));
        var client = new MongoClient(url);

        var ping = await client.GetDatabase(url.DatabaseName).RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        Assert.Equal("products", url.DatabaseName);
        Assert.Equal(1.0, ping["ok"].ToDouble());
    }
}
