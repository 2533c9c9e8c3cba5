using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Tests.Reservations;

// Reads what Products stored, for the few facts no message or API shows: a reservation's status, and the
// internal reservedFor list on a product.
public sealed class ReservationDocuments(string connectionString) : IDisposable
{
    private readonly MongoClient client = new(MongoUrl.Create(connectionString));
    private readonly string databaseName = MongoUrl.Create(connectionString).DatabaseName;

    public async Task<BsonDocument?> FindReservationAsync(Guid orderId) =>
        await client.GetDatabase(databaseName).GetCollection<BsonDocument>("reservations")
            .Find(new BsonDocument("_id", orderId.ToString()))
            .SingleOrDefaultAsync();

    public async Task<BsonDocument> FindProductAsync(string productId) =>
        await client.GetDatabase(databaseName).GetCollection<BsonDocument>("products")
            .Find(new BsonDocument("_id", ObjectId.Parse(productId)))
            .SingleAsync();

    public void Dispose() => client.Dispose();
}
