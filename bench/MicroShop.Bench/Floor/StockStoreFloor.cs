using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Bench.Floor;

// MongoDB as Products uses it to reserve stock: one conditional update per line, { _id, quantity >= n } with
// $inc -n, against a scratch collection in a database of its own on the application's server, dropped afterwards.
public sealed class StockStoreFloor(MongoClient client, IMongoCollection<BsonDocument> stock) : IAsyncDisposable
{
    private const string DatabaseName = "bench_floor";
    private const int Documents = 32;

    public static async Task<StockStoreFloor> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var client = new MongoClient(connectionString);
        await client.DropDatabaseAsync(DatabaseName, cancellationToken);
        var stock = client.GetDatabase(DatabaseName).GetCollection<BsonDocument>("stock");
        await stock.InsertManyAsync(
            Enumerable.Range(0, Documents).Select(i => new BsonDocument { { "_id", i }, { "quantity", 1_000_000_000 } }),
            cancellationToken: cancellationToken);
        return new StockStoreFloor(client, stock);
    }

    public async Task ReserveAsync(long sequence)
    {
        var filter = Builders<BsonDocument>.Filter;
        var result = await stock.UpdateOneAsync(
            filter.Eq("_id", (int)(sequence % Documents)) & filter.Gte("quantity", 1),
            Builders<BsonDocument>.Update.Inc("quantity", -1));
        if (result.ModifiedCount != 1)
        {
            throw new InvalidOperationException("The conditional update did not apply.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await client.DropDatabaseAsync(DatabaseName);
        client.Dispose();
    }
}
