using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace MicroShop.Tests.MongoDb;

/// <summary>
/// Values come back with exactly the BSON type they were written with, and
/// arithmetic updates keep MongoDB's numeric type rules. Money is Decimal128
/// in MicroShop, so any silent conversion to double would be a bug.
/// </summary>
[Collection(DistributedAppCollection.Name)]
public sealed class MongoTypeConformanceTests(DistributedAppFixture app)
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    [Fact]
    public async Task Every_common_bson_type_round_trips_exactly()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var original = new BsonDocument
        {
            { "_id", ObjectId.GenerateNewId() },
            { "decimal", new BsonDecimal128(19.99m) },
            { "int64", new BsonInt64(9_007_199_254_740_993L) }, // 2^53 + 1: not representable as a double
            { "int64Small", new BsonInt64(7) },
            { "int32", new BsonInt32(42) },
            { "double", new BsonDouble(1.5) },
            { "doubleWhole", new BsonDouble(2.0) },
            { "date", new BsonDateTime(new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc)) },
            { "objectId", ObjectId.GenerateNewId() },
            { "string", "héllo wörld ✓" },
            { "bool", true },
            { "null", BsonNull.Value },
            { "binary", new BsonBinaryData(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), GuidRepresentation.Standard) },
            { "nested", new BsonDocument { { "a", 1 }, { "b", new BsonArray { 1, 2L, 3.0, "x", new BsonDocument("c", new BsonDecimal128(0.1m)) } } } },
            { "emptyArray", new BsonArray() },
            { "emptyDoc", new BsonDocument() },
        };
        await scope.Collection.InsertOneAsync(original);

        var stored = await scope.Collection.Find(Filter.Eq("_id", original["_id"])).SingleAsync();

        Assert.Equal(original.Names, stored.Names);
        foreach (var element in original)
        {
            Assert.Equal(element.Value.BsonType, stored[element.Name].BsonType);
            Assert.Equal(element.Value, stored[element.Name]);
        }

        var nestedTypes = stored["nested"]["b"].AsBsonArray.Select(v => v.BsonType);
        Assert.Equal(new[] { BsonType.Int32, BsonType.Int64, BsonType.Double, BsonType.String, BsonType.Document }, nestedTypes);
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc), stored["date"].ToUniversalTime());
    }

    [Fact]
    public async Task Poco_with_decimal128_money_round_trips()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        var products = scope.CollectionOf<Product>();
        var product = new Product
        {
            Id = ObjectId.GenerateNewId(),
            Name = "Kettle",
            Price = 19.99m,
            Stock = 5_000_000_000L,
            Reserved = 3,
            Rating = 4.5,
            CreatedUtc = new DateTime(2025, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc),
            Tags = ["kitchen", "steel"],
        };
        await products.InsertOneAsync(product);

        var loaded = await products.Find(p => p.Id == product.Id).SingleAsync();
        var raw = await scope.Collection.Find(Filter.Eq("_id", product.Id)).SingleAsync();

        Assert.Equal(product.Price, loaded.Price);
        Assert.Equal(product.Stock, loaded.Stock);
        Assert.Equal(product.CreatedUtc, loaded.CreatedUtc);
        Assert.Equal(product.Tags, loaded.Tags);
        Assert.Equal(BsonType.Decimal128, raw["Price"].BsonType);
        Assert.Equal(BsonType.Int64, raw["Stock"].BsonType);
        Assert.Equal(BsonType.Int32, raw["Reserved"].BsonType);
        Assert.Equal(BsonType.Double, raw["Rating"].BsonType);

        var cheap = await products.Find(Builders<Product>.Filter.Gte(p => p.Price, 10m) & Builders<Product>.Filter.Lt(p => p.Price, 20m)).ToListAsync();
        Assert.Single(cheap);
        Assert.Empty(await products.Find(Builders<Product>.Filter.Gt(p => p.Price, 19.99m)).ToListAsync());
    }

    [Fact]
    public async Task Numeric_updates_keep_bson_types()
    {
        await using var scope = await ConformanceScope.CreateAsync(app);
        await scope.Collection.InsertOneAsync(new BsonDocument
        {
            { "_id", 1 },
            { "int32", 10 },
            { "int64", 10L },
            { "decimal", new BsonDecimal128(19.99m) },
            { "double", 1.5 },
            { "overflow", int.MaxValue },
        });

        await scope.Collection.UpdateOneAsync(Filter.Eq("_id", 1), new BsonDocument("$inc", new BsonDocument
        {
            { "int32", -3 },
            { "int64", 5 },
            { "decimal", new BsonDecimal128(0.01m) },
            { "double", 1 },
            { "overflow", 1 },
            { "created", 2L },
        }));
        await scope.Collection.UpdateOneAsync(Filter.Eq("_id", 1), new BsonDocument("$mul", new BsonDocument("decimal", new BsonDecimal128(2m))));

        var doc = await scope.Collection.Find(Filter.Eq("_id", 1)).SingleAsync();
        Assert.Equal(new BsonInt32(7), doc["int32"]);
        Assert.Equal(new BsonInt64(15), doc["int64"]);
        Assert.Equal(BsonType.Decimal128, doc["decimal"].BsonType);
        Assert.Equal(40.00m, doc["decimal"].AsDecimal);
        Assert.Equal(new BsonDouble(2.5), doc["double"]);
        Assert.Equal(new BsonInt64(int.MaxValue + 1L), doc["overflow"]);
        Assert.Equal(new BsonInt64(2), doc["created"]);

        Assert.Equal(1, await scope.Collection.CountDocumentsAsync(Filter.Gte("decimal", new BsonDecimal128(10m))));
        Assert.Equal(1, await scope.Collection.CountDocumentsAsync(Filter.Eq("int64", 15)));
        Assert.Equal(0, await scope.Collection.CountDocumentsAsync(Filter.Gt("decimal", 40)));
    }

    private sealed class Product
    {
        [BsonId]
        public ObjectId Id { get; set; }

        public string Name { get; set; } = "";

        [BsonRepresentation(BsonType.Decimal128)]
        public decimal Price { get; set; }

        public long Stock { get; set; }

        public int Reserved { get; set; }

        public double Rating { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime CreatedUtc { get; set; }

        public List<string> Tags { get; set; } = [];
    }
}
