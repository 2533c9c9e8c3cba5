using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Tests.MongoDb;

/// <summary>
/// A fresh MongoClient on the AppHost's "mongodb" resource plus a collection
/// that no other test (and none of the app's services) uses. Disposing drops
/// the collection so repeated runs leave nothing behind.
/// </summary>
public sealed class ConformanceScope : IAsyncDisposable
{
    public const string DatabaseName = "conformance";

    private ConformanceScope(MongoClient client, string collectionName)
    {
        Client = client;
        CollectionName = collectionName;
        Database = client.GetDatabase(DatabaseName);
        Collection = Database.GetCollection<BsonDocument>(collectionName);
    }

    public MongoClient Client { get; }

    public IMongoDatabase Database { get; }

    public string CollectionName { get; }

    public IMongoCollection<BsonDocument> Collection { get; }

    public static async Task<ConformanceScope> CreateAsync(DistributedAppFixture app, string? collectionName = null)
    {
        var connectionString = await app.GetConnectionStringAsync("mongodb");
        return new ConformanceScope(new MongoClient(connectionString), collectionName ?? $"conformance_{Guid.NewGuid():N}");
    }

    public IMongoCollection<T> CollectionOf<T>() => Database.GetCollection<T>(CollectionName);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Database.DropCollectionAsync(CollectionName);
        }
        finally
        {
            Client.Dispose();
        }
    }
}
