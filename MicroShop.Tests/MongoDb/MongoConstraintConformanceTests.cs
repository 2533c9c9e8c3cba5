using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Tests.MongoDb;

/// <summary>
/// Indexes, duplicate-key errors, bulk-write error reporting, atomic
/// conditional updates and the errors a standalone server gives for
/// transactions and unknown operators.
/// </summary>
[Collection(DistributedAppCollection.Name)]
public sealed class MongoConstraintConformanceTests(DistributedAppFixture app)
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<BsonDocument> Keys = Builders<BsonDocument>.IndexKeys;

    [Fact]
    public async Task Indexes_can_be_created_listed_and_dropped()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var indexes = scope.Collection.Indexes;

        var single = await indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Keys.Ascending("sku"), new CreateIndexOptions { Unique = true }));
        var compound = await indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Keys.Ascending("category").Descending("price"), new CreateIndexOptions { Name = "category_price" }));
        await indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Keys.Ascending("sku"), new CreateIndexOptions { Unique = true }));

        Assert.Equal("sku_1", single);
        Assert.Equal("category_price", compound);
        var listed = await (await indexes.ListAsync()).ToListAsync();
        Assert.Equal(new[] { "_id_", "category_price", "sku_1" }, listed.Select(i => i["name"].AsString).Order());
        var sku = listed.Single(i => i["name"] == "sku_1");
        Assert.True(sku["unique"].ToBoolean());
        Assert.Equal(new BsonDocument("sku", 1), sku["key"].AsBsonDocument);
        Assert.Equal(new BsonDocument { { "category", 1 }, { "price", -1 } }, listed.Single(i => i["name"] == "category_price")["key"].AsBsonDocument);

        await indexes.DropOneAsync("category_price");
        Assert.Equal(new[] { "_id_", "sku_1" }, (await (await indexes.ListAsync()).ToListAsync()).Select(i => i["name"].AsString).Order());
        await indexes.DropAllAsync();
        Assert.Equal(new[] { "_id_" }, (await (await indexes.ListAsync()).ToListAsync()).Select(i => i["name"].AsString));

        var dropMissing = await Assert.ThrowsAsync<MongoCommandException>(() => indexes.DropOneAsync("no_such_index"));
        Assert.Equal(27, dropMissing.Code);
    }

    [Fact]
    public async Task Unique_indexes_reject_duplicates_with_E11000()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var c = scope.Collection;
        await c.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Keys.Ascending("email"), new CreateIndexOptions { Unique = true }));
        await c.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Keys.Ascending("tenant").Ascending("code"), new CreateIndexOptions { Unique = true }));
        await c.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "a@example.com" }, { "tenant", "t1" }, { "code", 1 } });

        var dupField = await Assert.ThrowsAsync<MongoWriteException>(() => c.InsertOneAsync(new BsonDocument { { "email", "a@example.com" }, { "tenant", "t2" }, { "code", 1 } }));
        Assert.Equal(ServerErrorCategory.DuplicateKey, dupField.WriteError.Category);
        Assert.Equal(11000, dupField.WriteError.Code);
        Assert.Contains("E11000", dupField.WriteError.Message);

        var dupCompound = await Assert.ThrowsAsync<MongoWriteException>(() => c.InsertOneAsync(new BsonDocument { { "email", "b@example.com" }, { "tenant", "t1" }, { "code", 1 } }));
        Assert.Equal(ServerErrorCategory.DuplicateKey, dupCompound.WriteError.Category);
        await c.InsertOneAsync(new BsonDocument { { "email", "c@example.com" }, { "tenant", "t1" }, { "code", 2 } });

        var dupId = await Assert.ThrowsAsync<MongoWriteException>(() => c.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "d@example.com" }, { "tenant", "t2" }, { "code", 2 } }));
        Assert.Equal(ServerErrorCategory.DuplicateKey, dupId.WriteError.Category);

        var dupByUpdate = await Assert.ThrowsAsync<MongoWriteException>(() => c.UpdateOneAsync(Filter.Eq("email", "c@example.com"), Builders<BsonDocument>.Update.Set("email", "a@example.com")));
        Assert.Equal(11000, dupByUpdate.WriteError.Code);
        Assert.Equal(1, await c.CountDocumentsAsync(Filter.Eq("email", "c@example.com")));

        var upsertDup = await Assert.ThrowsAsync<MongoWriteException>(() => c.UpdateOneAsync(
            Filter.Eq("email", "a@example.com") & Filter.Eq("tenant", "t9"),
            Builders<BsonDocument>.Update.Set("code", 5),
            new UpdateOptions { IsUpsert = true }));
        Assert.Equal(ServerErrorCategory.DuplicateKey, upsertDup.WriteError.Category);

        await c.InsertOneAsync(new BsonDocument { { "email", "e@example.com" }, { "tenant", "t3" }, { "code", 1 }, { "dupe", 1 } });
        await c.InsertOneAsync(new BsonDocument { { "email", "f@example.com" }, { "tenant", "t4" }, { "code", 1 }, { "dupe", 1 } });
        var buildFails = await Assert.ThrowsAsync<MongoCommandException>(() => c.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Keys.Ascending("dupe"), new CreateIndexOptions { Unique = true })));
        Assert.Equal(11000, buildFails.Code);
        Assert.DoesNotContain((await (await c.Indexes.ListAsync()).ToListAsync()), i => i["name"] == "dupe_1");
        Assert.Equal(4, await c.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Ordered_bulk_writes_stop_at_the_first_error()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var ex = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => scope.Collection.BulkWriteAsync(
            [
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 2)),
            ],
            new BulkWriteOptions { IsOrdered = true }));

        var error = Assert.Single(ex.WriteErrors);
        Assert.Equal(1, error.Index);
        Assert.Equal(ServerErrorCategory.DuplicateKey, error.Category);
        Assert.Equal(1, ex.Result.InsertedCount);
        Assert.Single(ex.UnprocessedRequests);
        Assert.Equal(1, await scope.Collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Unordered_bulk_writes_continue_and_report_each_error()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertOneAsync(new BsonDocument { { "_id", 10 }, { "n", 1 } });

        var ex = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => scope.Collection.BulkWriteAsync(
            [
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 2)),
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 10)),
                new InsertOneModel<BsonDocument>(new BsonDocument("_id", 3)),
            ],
            new BulkWriteOptions { IsOrdered = false }));
        Assert.Equal(new[] { 1, 3 }, ex.WriteErrors.Select(e => e.Index).Order());
        Assert.All(ex.WriteErrors, e => Assert.Equal(11000, e.Code));
        Assert.Equal(3, ex.Result.InsertedCount);

        // Mixed operations: counts are reported per kind.
        var mixed = await scope.Collection.BulkWriteAsync(
            [
                new UpdateOneModel<BsonDocument>(Filter.Eq("_id", 10), Builders<BsonDocument>.Update.Inc("n", 1)),
                new UpdateOneModel<BsonDocument>(Filter.Eq("_id", 99), Builders<BsonDocument>.Update.Set("n", 1)) { IsUpsert = true },
                new UpdateManyModel<BsonDocument>(Filter.In("_id", new[] { 1, 2 }), Builders<BsonDocument>.Update.Set("seen", true)),
                new DeleteOneModel<BsonDocument>(Filter.Eq("_id", 3)),
            ],
            new BulkWriteOptions { IsOrdered = false });
        Assert.Equal(3, mixed.MatchedCount);
        Assert.Equal(3, mixed.ModifiedCount);
        Assert.Equal(1, mixed.DeletedCount);
        Assert.Equal(new BsonInt32(99), Assert.Single(mixed.Upserts).Id);
        Assert.Equal(4, await scope.Collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Conditional_inc_does_not_apply_when_the_condition_fails()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertOneAsync(new BsonDocument { { "_id", "p1" }, { "quantity", 3 } });

        var result = await scope.Collection.UpdateOneAsync(
            Filter.Eq("_id", "p1") & Filter.Gte("quantity", 5),
            Builders<BsonDocument>.Update.Inc("quantity", -5));

        Assert.Equal(0, result.MatchedCount);
        Assert.Equal(0, result.ModifiedCount);
        var doc = await scope.Collection.Find(Filter.Eq("_id", "p1")).SingleAsync();
        Assert.Equal(new BsonInt32(3), doc["quantity"]);

        var ok = await scope.Collection.UpdateOneAsync(
            Filter.Eq("_id", "p1") & Filter.Gte("quantity", 3),
            Builders<BsonDocument>.Update.Inc("quantity", -3));
        Assert.Equal(1, ok.ModifiedCount);
        Assert.Equal(new BsonInt32(0), (await scope.Collection.Find(Filter.Eq("_id", "p1")).SingleAsync())["quantity"]);
    }

    [Fact]
    public async Task Concurrent_conditional_decrements_never_oversell()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertOneAsync(new BsonDocument { { "_id", "stock" }, { "quantity", 20 } });

        var attempts = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            var r = await scope.Collection.UpdateOneAsync(
                Filter.Eq("_id", "stock") & Filter.Gte("quantity", 1),
                Builders<BsonDocument>.Update.Inc("quantity", -1));
            return r.ModifiedCount;
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(20, results.Count(m => m == 1));
        Assert.Equal(30, results.Count(m => m == 0));
        var doc = await scope.Collection.Find(Filter.Eq("_id", "stock")).SingleAsync();
        Assert.Equal(new BsonInt32(0), doc["quantity"]);
    }

    [Fact]
    public async Task Transactions_are_refused_by_a_standalone_server()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1)); // topology known before starting

        var ex = await Record.ExceptionAsync(async () =>
        {
            using var session = await scope.Client.StartSessionAsync();
            session.StartTransaction();
            await scope.Collection.InsertOneAsync(session, new BsonDocument("x", 1));
            await session.CommitTransactionAsync();
        });

        Assert.NotNull(ex);
        switch (ex)
        {
            case NotSupportedException notSupported:
                Assert.Contains("transactions", notSupported.Message, StringComparison.OrdinalIgnoreCase);
                break;
            case MongoCommandException command:
                Assert.Equal(20, command.Code); // IllegalOperation
                break;
            default:
                Assert.Fail($"unexpected exception {ex.GetType()}: {ex.Message}");
                break;
        }

        Assert.Equal(0, await scope.Collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Unknown_operators_are_rejected_with_an_error_naming_them()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertOneAsync(new BsonDocument("a", 1));

        var query = await Assert.ThrowsAnyAsync<MongoException>(() =>
            scope.Collection.Find(new BsonDocument("a", new BsonDocument("$notAnOperator", 1))).ToListAsync());
        Assert.Contains("$notAnOperator", query.Message);

        var update = await Assert.ThrowsAnyAsync<MongoException>(() =>
            scope.Collection.UpdateOneAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument("$notAnUpdateOperator", new BsonDocument("a", 2))));
        Assert.Contains("$notAnUpdateOperator", update.Message);

        var stage = await Assert.ThrowsAnyAsync<MongoException>(() =>
            scope.Collection.Aggregate<BsonDocument>(PipelineDefinition<BsonDocument, BsonDocument>.Create(new BsonDocument("$notAStage", new BsonDocument()))).ToListAsync());
        Assert.Contains("$notAStage", stage.Message);

        var command = await Assert.ThrowsAsync<MongoCommandException>(() =>
            scope.Database.RunCommandAsync<BsonDocument>(new BsonDocument("notACommand", 1)));
        Assert.Equal(59, command.Code);
        Assert.Contains("notACommand", command.Message);

        Assert.Equal(1, (await scope.Collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync())["a"].AsInt32);
    }
}
