using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Tests.MongoDb;

/// <summary>Acknowledged writes survive a restart of the MongoDB resource.</summary>
[Collection(DistributedAppCollection.Name)]
public sealed class MongoDurabilityConformanceTests(DistributedAppFixture app)
{
    [Fact]
    public async Task Acknowledged_writes_and_indexes_survive_a_restart()
    {
        var collectionName = $"conformance_{Guid.NewGuid():N}";
        using (var client = new MongoClient(await app.GetConnectionStringAsync("mongodb")))
        {
            // Journaled acknowledgement, so a real mongod has the writes on disk too.
            var collection = client.GetDatabase(ConformanceScope.DatabaseName)
                .GetCollection<BsonDocument>(collectionName)
                .WithWriteConcern(WriteConcern.Acknowledged.With(journal: true));
            await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
                Builders<BsonDocument>.IndexKeys.Ascending("sku"), new CreateIndexOptions { Unique = true }));
            await collection.InsertManyAsync(Enumerable.Range(0, 100).Select(i => new BsonDocument
            {
                { "_id", i },
                { "sku", $"sku-{i}" },
                { "price", new BsonDecimal128(i + 0.99m) },
                { "quantity", 10L },
            }));
            await collection.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", 7), Builders<BsonDocument>.Update.Inc("quantity", -4L));
            await collection.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", 99));
        }

        await app.RestartResourceAsync("mongodb");

        await using var after = await ConformanceScope.CreateAsync(app, collectionName);
        var docs = await after.Collection.Find(FilterDefinition<BsonDocument>.Empty).SortBy(d => d["_id"]).ToListAsync();

        Assert.Equal(99, docs.Count);
        Assert.Equal(new BsonInt64(6), docs[7]["quantity"]);
        Assert.Equal(new BsonDecimal128(42.99m), docs[42]["price"]);
        var names = (await (await after.Collection.Indexes.ListAsync()).ToListAsync()).Select(i => i["name"].AsString);
        Assert.Contains("sku_1", names);
        var dup = await Assert.ThrowsAsync<MongoWriteException>(() => after.Collection.InsertOneAsync(new BsonDocument("sku", "sku-1")));
        Assert.Equal(ServerErrorCategory.DuplicateKey, dup.WriteError.Category);
    }
}
