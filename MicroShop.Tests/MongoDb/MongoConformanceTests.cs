using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Tests.MongoDb;

/// <summary>
/// Behaviour MicroShop relies on from MongoDB: handshake, CRUD, cursors,
/// counting and aggregation. Written against plain MongoDB semantics so the
/// same assertions hold for a real mongod and for eng/mongo-standin.
/// </summary>
[Collection(DistributedAppCollection.Name)]
public sealed class MongoConformanceTests(DistributedAppFixture app)
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<BsonDocument> Update = Builders<BsonDocument>.Update;

    [Fact]
    public async Task Handshake_ping_and_buildInfo_answer_like_a_standalone_server()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var admin = scope.Client.GetDatabase("admin");

        var ping = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
        var hello = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1));
        var buildInfo = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("buildInfo", 1));

        Assert.Equal(1.0, ping["ok"].ToDouble());
        Assert.True(hello["isWritablePrimary"].AsBoolean);
        Assert.False(hello.Contains("setName"));
        Assert.True(hello["maxWireVersion"].ToInt32() >= 8);
        Assert.True(hello["maxBsonObjectSize"].ToInt32() >= 16 * 1024 * 1024);
        Assert.Equal(BsonType.DateTime, hello["localTime"].BsonType);
        Assert.False(string.IsNullOrEmpty(buildInfo["version"].AsString));
    }

    [Fact]
    public async Task Find_applies_filter_sort_skip_limit_and_projection()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertManyAsync(Enumerable.Range(1, 10).Select(i => new BsonDocument
        {
            { "_id", i },
            { "n", i },
            { "even", i % 2 == 0 },
            { "name", $"item-{i:D2}" },
            { "nested", new BsonDocument { { "x", i * 10 }, { "y", "drop-me" } } },
        }));

        var docs = await scope.Collection.Find(Filter.Eq("even", true) & Filter.Gt("n", 2))
            .Sort(Builders<BsonDocument>.Sort.Descending("n"))
            .Skip(1)
            .Limit(2)
            .Project(Builders<BsonDocument>.Projection.Include("name").Include("nested.x").Exclude("_id"))
            .ToListAsync();

        Assert.Equal(
            [
                new BsonDocument { { "name", "item-08" }, { "nested", new BsonDocument("x", 80) } },
                new BsonDocument { { "name", "item-06" }, { "nested", new BsonDocument("x", 60) } },
            ],
            docs);

        var excluded = await scope.Collection.Find(Filter.Eq("_id", 3))
            .Project(Builders<BsonDocument>.Projection.Exclude("nested").Exclude("even"))
            .SingleAsync();
        Assert.Equal(new BsonDocument { { "_id", 3 }, { "n", 3 }, { "name", "item-03" } }, excluded);

        var inList = await scope.Collection.Find(Filter.In("n", new[] { 1, 5, 42 }) | Filter.Regex("name", "^item-1"))
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
            .Project(Builders<BsonDocument>.Projection.Include("_id"))
            .ToListAsync();
        Assert.Equal(new[] { 1, 5, 10 }, inList.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Find_returns_large_results_in_batches_through_getMore()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertManyAsync(Enumerable.Range(0, 250).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('x', 100) } }));

        using var cursor = await scope.Collection.FindAsync(
            FilterDefinition<BsonDocument>.Empty,
            new FindOptions<BsonDocument> { BatchSize = 20, Sort = Builders<BsonDocument>.Sort.Ascending("_id") });
        var batches = 0;
        var ids = new List<int>();
        while (await cursor.MoveNextAsync())
        {
            if (cursor.Current.Any())
            {
                batches++;
                Assert.True(cursor.Current.Count() <= 20);
            }

            ids.AddRange(cursor.Current.Select(d => d["_id"].AsInt32));
        }

        Assert.Equal(Enumerable.Range(0, 250), ids);
        Assert.Equal(13, batches);
    }

    [Fact]
    public async Task Cursors_can_be_abandoned_and_killed()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertManyAsync(Enumerable.Range(0, 100).Select(i => new BsonDocument("_id", i)));

        // Disposing a cursor after the first batch makes the driver send killCursors.
        using (var cursor = await scope.Collection.FindAsync(FilterDefinition<BsonDocument>.Empty, new FindOptions<BsonDocument> { BatchSize = 10 }))
        {
            Assert.True(await cursor.MoveNextAsync());
            Assert.Equal(10, cursor.Current.Count());
        }

        var first = await scope.Database.RunCommandAsync<BsonDocument>(new BsonDocument { { "find", scope.CollectionName }, { "batchSize", 5 } });
        var cursorId = first["cursor"]["id"].AsInt64;
        Assert.NotEqual(0, cursorId);
        Assert.Equal(5, first["cursor"]["firstBatch"].AsBsonArray.Count);

        var killed = await scope.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "killCursors", scope.CollectionName },
            { "cursors", new BsonArray { cursorId } },
        });
        Assert.Contains(new BsonInt64(cursorId), killed["cursorsKilled"].AsBsonArray);

        var ex = await Assert.ThrowsAsync<MongoCommandException>(() => scope.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "getMore", cursorId },
            { "collection", scope.CollectionName },
        }));
        Assert.Equal(43, ex.Code);
    }

    [Fact]
    public async Task Update_supports_upsert_inc_set_unset_and_replacement()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var c = scope.Collection;

        var upsert = await c.UpdateOneAsync(
            Filter.Eq("sku", "A-1"),
            Update.SetOnInsert("created", true).Inc("stock", 5).Set("name", "Anvil"),
            new UpdateOptions { IsUpsert = true });
        Assert.Equal(0, upsert.MatchedCount);
        Assert.NotNull(upsert.UpsertedId);

        var again = await c.UpdateOneAsync(
            Filter.Eq("sku", "A-1"),
            Update.SetOnInsert("created", false).Inc("stock", 5).Unset("name"),
            new UpdateOptions { IsUpsert = true });
        Assert.Equal(1, again.MatchedCount);
        Assert.Equal(1, again.ModifiedCount);
        Assert.Null(again.UpsertedId);

        var doc = await c.Find(Filter.Eq("sku", "A-1")).SingleAsync();
        Assert.Equal(upsert.UpsertedId, doc["_id"]);
        Assert.True(doc["created"].AsBoolean);
        Assert.Equal(10, doc["stock"].AsInt32);
        Assert.False(doc.Contains("name"));

        var noop = await c.UpdateOneAsync(Filter.Eq("sku", "A-1"), Update.Set("stock", 10));
        Assert.Equal(1, noop.MatchedCount);
        Assert.Equal(0, noop.ModifiedCount);

        await c.InsertManyAsync([new BsonDocument { { "sku", "B-1" }, { "group", "g" } }, new BsonDocument { { "sku", "B-2" }, { "group", "g" } }]);
        var many = await c.UpdateManyAsync(Filter.Eq("group", "g"), Update.Set("flag", true).Inc("hits", -2));
        Assert.Equal(2, many.ModifiedCount);
        Assert.All(await c.Find(Filter.Eq("group", "g")).ToListAsync(), d => Assert.Equal(-2, d["hits"].AsInt32));

        var replaced = await c.ReplaceOneAsync(Filter.Eq("sku", "B-1"), new BsonDocument { { "sku", "B-1" }, { "v", 2 } });
        Assert.Equal(1, replaced.ModifiedCount);
        var b1 = await c.Find(Filter.Eq("sku", "B-1")).SingleAsync();
        Assert.Equal(new[] { "_id", "sku", "v" }, b1.Names);

        var replaceUpsert = await c.ReplaceOneAsync(Filter.Eq("_id", "fixed-id"), new BsonDocument("v", 3), new ReplaceOptions { IsUpsert = true });
        Assert.Equal(new BsonString("fixed-id"), replaceUpsert.UpsertedId);
    }

    [Fact]
    public async Task Update_supports_positional_operator_array_filters_push_and_pull()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var c = scope.Collection;
        await c.InsertOneAsync(new BsonDocument
        {
            { "_id", 1 },
            { "lines", new BsonArray
                {
                    new BsonDocument { { "sku", "a" }, { "qty", 1 } },
                    new BsonDocument { { "sku", "b" }, { "qty", 5 } },
                    new BsonDocument { { "sku", "c" }, { "qty", 9 } },
                }
            },
            { "tags", new BsonArray { "x", "y" } },
        });

        var positional = await c.UpdateOneAsync(
            Filter.Eq("_id", 1) & Filter.Eq("lines.sku", "b"),
            new BsonDocument("$inc", new BsonDocument("lines.$.qty", 10)));
        Assert.Equal(1, positional.ModifiedCount);

        var filtered = await c.UpdateOneAsync(
            Filter.Eq("_id", 1),
            new BsonDocument("$set", new BsonDocument("lines.$[big].big", true)),
            new UpdateOptions { ArrayFilters = [new BsonDocumentArrayFilterDefinition<BsonDocument>(new BsonDocument("big.qty", new BsonDocument("$gte", 9)))] });
        Assert.Equal(1, filtered.ModifiedCount);

        await c.UpdateOneAsync(Filter.Eq("_id", 1), Update.Push("tags", "z").Pull("lines", new BsonDocument("sku", "a")));
        await c.UpdateOneAsync(Filter.Eq("_id", 1), Update.AddToSet("tags", "x"));
        await c.UpdateOneAsync(Filter.Eq("_id", 1), Update.Pull("tags", "y"));

        var doc = await c.Find(Filter.Eq("_id", 1)).SingleAsync();
        Assert.Equal(new BsonArray { "x", "z" }, doc["tags"]);
        Assert.Equal(
            new BsonArray
            {
                new BsonDocument { { "sku", "b" }, { "qty", 15 }, { "big", true } },
                new BsonDocument { { "sku", "c" }, { "qty", 9 }, { "big", true } },
            },
            doc["lines"]);
    }

    [Fact]
    public async Task Delete_removes_one_or_many()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertManyAsync(Enumerable.Range(0, 6).Select(i => new BsonDocument { { "_id", i }, { "odd", i % 2 == 1 } }));

        var one = await scope.Collection.DeleteOneAsync(Filter.Eq("odd", true));
        var many = await scope.Collection.DeleteManyAsync(Filter.Eq("odd", true));
        var none = await scope.Collection.DeleteOneAsync(Filter.Eq("_id", 42));

        Assert.Equal(1, one.DeletedCount);
        Assert.Equal(2, many.DeletedCount);
        Assert.Equal(0, none.DeletedCount);
        Assert.Equal(new[] { 0, 2, 4 }, (await scope.Collection.Find(FilterDefinition<BsonDocument>.Empty).SortBy(d => d["_id"]).ToListAsync()).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task FindOneAndUpdate_and_FindOneAndDelete_return_the_requested_document()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var c = scope.Collection;
        await c.InsertManyAsync([
            new BsonDocument { { "_id", 1 }, { "queue", "q" }, { "priority", 2 }, { "secret", "s1" } },
            new BsonDocument { { "_id", 2 }, { "queue", "q" }, { "priority", 7 }, { "secret", "s2" } },
        ]);

        var before = await c.FindOneAndUpdateAsync(
            Filter.Eq("queue", "q"),
            Update.Set("taken", true),
            new FindOneAndUpdateOptions<BsonDocument> { Sort = Builders<BsonDocument>.Sort.Descending("priority"), ReturnDocument = ReturnDocument.Before });
        Assert.Equal(2, before["_id"].AsInt32);
        Assert.False(before.Contains("taken"));

        var after = await c.FindOneAndUpdateAsync(
            Filter.Eq("_id", 1),
            Update.Inc("priority", 1),
            new FindOneAndUpdateOptions<BsonDocument>
            {
                ReturnDocument = ReturnDocument.After,
                Projection = Builders<BsonDocument>.Projection.Exclude("secret"),
            });
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "queue", "q" }, { "priority", 3 } }, after);

        var upserted = await c.FindOneAndUpdateAsync(
            Filter.Eq("_id", 3),
            Update.Set("queue", "other"),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After });
        Assert.Equal(new BsonDocument { { "_id", 3 }, { "queue", "other" } }, upserted);

        var missing = await c.FindOneAndUpdateAsync(Filter.Eq("_id", 99), Update.Set("x", 1));
        Assert.Null(missing);

        var deleted = await c.FindOneAndDeleteAsync(Filter.Eq("queue", "q"), new FindOneAndDeleteOptions<BsonDocument> { Sort = Builders<BsonDocument>.Sort.Ascending("priority") });
        Assert.Equal(1, deleted["_id"].AsInt32);
        Assert.Equal(2, await c.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task CountDocuments_EstimatedDocumentCount_and_Distinct()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertManyAsync(Enumerable.Range(0, 30).Select(i => new BsonDocument
        {
            { "_id", i },
            { "category", $"cat-{i % 3}" },
            { "tags", new BsonArray { $"t{i % 2}", "all" } },
        }));

        Assert.Equal(30, await scope.Collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        Assert.Equal(10, await scope.Collection.CountDocumentsAsync(Filter.Eq("category", "cat-1")));
        Assert.Equal(4, await scope.Collection.CountDocumentsAsync(Filter.Eq("category", "cat-1"), new CountOptions { Skip = 2, Limit = 4 }));
        Assert.Equal(0, await scope.Collection.CountDocumentsAsync(Filter.Eq("category", "none")));
        Assert.Equal(30, await scope.Collection.EstimatedDocumentCountAsync());

        var categories = await (await scope.Collection.DistinctAsync<string>("category", FilterDefinition<BsonDocument>.Empty)).ToListAsync();
        Assert.Equal(new[] { "cat-0", "cat-1", "cat-2" }, categories.Order());
        var tags = await (await scope.Collection.DistinctAsync<string>("tags", Filter.Lt("_id", 10))).ToListAsync();
        Assert.Equal(new[] { "all", "t0", "t1" }, tags.Order());
    }

    [Fact]
    public async Task Aggregate_supports_match_group_sort_project_unwind_and_count()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertManyAsync([
            new BsonDocument { { "_id", 1 }, { "customer", "ann" }, { "total", 10 }, { "items", new BsonArray { "pen", "ink" } } },
            new BsonDocument { { "_id", 2 }, { "customer", "bob" }, { "total", 25 }, { "items", new BsonArray { "pen" } } },
            new BsonDocument { { "_id", 3 }, { "customer", "ann" }, { "total", 5 }, { "items", new BsonArray { "pad", "pen" } } },
            new BsonDocument { { "_id", 4 }, { "customer", "cid" }, { "total", 1 }, { "items", new BsonArray() } },
        ]);

        var perCustomer = await scope.Collection.Aggregate<BsonDocument>(
            PipelineDefinition<BsonDocument, BsonDocument>.Create(
                new BsonDocument("$match", new BsonDocument("total", new BsonDocument("$gte", 5))),
                new BsonDocument("$group", new BsonDocument { { "_id", "$customer" }, { "spent", new BsonDocument("$sum", "$total") }, { "orders", new BsonDocument("$sum", 1) } }),
                new BsonDocument("$sort", new BsonDocument("spent", -1)),
                new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "customer", "$_id" }, { "spent", 1 }, { "orders", 1 } })))
            .ToListAsync();
        Assert.Equal(
            [
                new BsonDocument { { "spent", 25 }, { "orders", 1 }, { "customer", "bob" } },
                new BsonDocument { { "spent", 15 }, { "orders", 2 }, { "customer", "ann" } },
            ],
            perCustomer.Select(d => new BsonDocument { { "spent", d["spent"].ToInt64() }, { "orders", d["orders"].ToInt64() }, { "customer", d["customer"] } }));

        var itemCounts = await scope.Collection.Aggregate<BsonDocument>(
            PipelineDefinition<BsonDocument, BsonDocument>.Create(
                new BsonDocument("$unwind", "$items"),
                new BsonDocument("$group", new BsonDocument { { "_id", "$items" }, { "n", new BsonDocument("$sum", 1) } }),
                new BsonDocument("$sort", new BsonDocument { { "n", -1 }, { "_id", 1 } })))
            .ToListAsync();
        Assert.Equal(new[] { ("pen", 3L), ("ink", 1L), ("pad", 1L) }, itemCounts.Select(d => (d["_id"].AsString, d["n"].ToInt64())));

        var counted = await scope.Collection.Aggregate<BsonDocument>(
            PipelineDefinition<BsonDocument, BsonDocument>.Create(
                new BsonDocument("$match", new BsonDocument("customer", "ann")),
                new BsonDocument("$addFields", new BsonDocument("double", new BsonDocument("$multiply", new BsonArray { "$total", 2 }))),
                new BsonDocument("$match", new BsonDocument("double", new BsonDocument("$gt", 10))),
                new BsonDocument("$count", "matching")))
            .SingleAsync();
        Assert.Equal(1, counted["matching"].ToInt32());
    }

    [Fact]
    public async Task Drop_listCollections_and_listDatabases()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertOneAsync(new BsonDocument("x", 1));
        var other = $"{scope.CollectionName}_other";
        await scope.Database.CreateCollectionAsync(other);

        var names = await (await scope.Database.ListCollectionNamesAsync(new ListCollectionNamesOptions
        {
            Filter = Filter.In("name", new[] { scope.CollectionName, other }),
        })).ToListAsync();
        Assert.Equal(new[] { scope.CollectionName, other }.Order(), names.Order());

        var databases = await (await scope.Client.ListDatabaseNamesAsync()).ToListAsync();
        Assert.Contains(ConformanceScope.DatabaseName, databases);

        await scope.Database.DropCollectionAsync(other);
        var after = await (await scope.Database.ListCollectionNamesAsync(new ListCollectionNamesOptions { Filter = Filter.Eq("name", other) })).ToListAsync();
        Assert.Empty(after);
        Assert.Equal(1, await scope.Collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }
}
