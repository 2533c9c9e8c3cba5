using System.Collections.Concurrent;
using MicroShop.Products.Data;
using MicroShop.Products.Domain;
using MicroShop.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;

namespace MicroShop.Tests.MongoDb;

/// <summary>
/// Products' writes are acknowledged only once journaled: its own data set-up (AddProductsData, its repositories
/// and index creation), run against the AppHost's MongoDB in a database of its own, sends every kind of write it
/// makes with a journaled majority write concern, and the server accepts and applies them. A write concern the
/// server cannot satisfy is refused, and writes nothing.
/// </summary>
[Collection(DistributedAppCollection.Name)]
public sealed class ProductsWriteConcernConformanceTests(DistributedAppFixture app)
{
    private static readonly string[] WriteCommands = ["insert", "update", "delete", "findAndModify", "createIndexes"];

    [Fact]
    public async Task Every_write_of_the_products_data_set_up_is_sent_journaled_and_applied()
    {
        var url = new MongoUrlBuilder(await app.GetConnectionStringAsync("mongodb"))
        {
            DatabaseName = $"conformance_products_{Guid.NewGuid():N}",
        }.ToMongoUrl();

        // The same server and database Products would be given, through a client that records every command sent.
        var sent = new ConcurrentQueue<BsonDocument>();
        var settings = MongoClientSettings.FromUrl(url);
        settings.ClusterConfigurator = cluster => cluster.Subscribe<CommandStartedEvent>(e =>
            sent.Enqueue(BsonSerializer.Deserialize<BsonDocument>(e.Command.ToBson()))); // the event's document is disposed after it
        using var client = new MongoClient(settings);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{ProductsDataExtensions.ConnectionName}", url.ToString())]);
        builder.AddProductsData();
        builder.Services.AddSingleton<IMongoClient>(client);
        using var host = builder.Build();

        try
        {
            await host.StartAsync(); // ProductIndexes: createIndexes
            var products = host.Services.GetRequiredService<ProductRepository>();
            var reservations = host.Services.GetRequiredService<ReservationRepository>();
            var orderId = Guid.NewGuid().ToString();
            var now = DateTimeOffset.UtcNow;

            var product = await products.InsertAsync(new ProductDetails("Lamp", "A desk lamp", 19.99m, 10, "conformance", true), default);
            var id = ObjectId.Parse(product.Id);
            Assert.NotNull(await products.ReplaceAsync(id, new ProductDetails("Lamp", "A brass desk lamp", 24.99m, 10, "conformance", true), 1, default));
            Assert.NotNull(await products.AdjustStockAsync(id, new StockAdjustment(-3), default));
            Assert.True(await products.TakeForOrderAsync(id, orderId, 2, 24.99m, default));
            IReadOnlyList<ReservationLine> lines = [new ReservationLine(product.Id, 2)];
            Assert.Equal(ReservationStatus.Reserved, (await reservations.SettleAsync(orderId, lines, null, now, default)).Status);
            // A second outcome's upsert collides with the stored one, which stands.
            Assert.Equal(ReservationStatus.Reserved, (await reservations.SettleAsync(orderId, lines, "a late refusal", now, default)).Status);
            Assert.Equal(ReservationStatus.Completed, (await reservations.CompleteAsync(orderId, now, default))?.Status);
            Assert.Equal(ReservationStatus.Cancelled, (await reservations.CancelAsync(orderId, lines, now, default)).Status);
            Assert.True(await products.ReleaseForOrderAsync(id, orderId, 2, default));
            Assert.True(await products.TakeForOrderAsync(id, orderId, 1, null, default));
            Assert.True(await products.SettleForOrderAsync(id, orderId, default));
            Assert.Equal(6, (await products.FindAsync(id, default))?.Quantity);
            Assert.True(await products.DeleteAsync(id, default));
            Assert.False(await products.ExistsAsync(id, default));
        }
        finally
        {
            await host.StopAsync();
            await client.DropDatabaseAsync(url.DatabaseName);
        }

        var commands = sent.Where(command => command.Contains("$db") && command["$db"].AsString == url.DatabaseName).ToList();
        var writes = commands.Where(command => WriteCommands.Contains(command.GetElement(0).Name)).ToList();
        Assert.Equal(WriteCommands.Order(), writes.Select(command => command.GetElement(0).Name).Distinct().Order());
        Assert.Equal(13, writes.Count);
        Assert.All(writes, command =>
        {
            var writeConcern = command["writeConcern"].AsBsonDocument;
            Assert.True(writeConcern["j"].AsBoolean, command.ToString());
            Assert.Equal("majority", writeConcern["w"].AsString);
        });
        // Reads carry none (a server refuses a write concern on a command that does not write).
        Assert.All(commands.Except(writes), command => Assert.False(command.Contains("writeConcern"), command.ToString()));
    }

    [Fact]
    public async Task The_server_applies_Products_write_concern_and_refuses_one_it_cannot_satisfy()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);

        var durable = scope.Collection.WithWriteConcern(ProductsDataExtensions.DurableWriteConcern);
        await durable.InsertOneAsync(new BsonDocument("_id", 1));
        await durable.UpdateOneAsync(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("quantity", 5)));

        // A standalone server has no second member to acknowledge, and no member tagged for a custom mode.
        foreach (var unsatisfiable in new[] { new WriteConcern(2), new WriteConcern("dc-east", journal: true) })
        {
            var refused = await Assert.ThrowsAsync<MongoCommandException>(() =>
                scope.Collection.WithWriteConcern(unsatisfiable).InsertOneAsync(new BsonDocument("_id", 2)));
            Assert.Equal(2, refused.Code);
            Assert.Equal("BadValue", refused.CodeName);
        }

        var docs = await scope.Collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "quantity", 5 } }, Assert.Single(docs));
    }
}
