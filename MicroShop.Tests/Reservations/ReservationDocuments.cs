using MongoDB.Bson;
using MongoDB.Driver;

namespace MicroShop.Tests.Reservations;

// Reads what Products stored, for the few facts no message or API shows: a reservation's status, and the
// internal reservedFor list on a product. Writes what no message can make: the state an interrupted handler, or an
// earlier version of Products, leaves behind.
public sealed class ReservationDocuments(string connectionString) : IDisposable
{
    private readonly MongoClient client = new(MongoUrl.Create(connectionString));
    private readonly string databaseName = MongoUrl.Create(connectionString).DatabaseName;

    public async Task<BsonDocument?> FindReservationAsync(Guid orderId) =>
        await Reservations()
            .Find(new BsonDocument("_id", orderId.ToString()))
            .SingleOrDefaultAsync();

    public async Task<BsonDocument> FindProductAsync(string productId) =>
        await Products()
            .Find(new BsonDocument("_id", ObjectId.Parse(productId)))
            .SingleAsync();

    // What a handler of OrderCreated that stopped after taking a line leaves: the units taken and the order recorded on
    // the product, and no reservation.
    public async Task TakeWithoutReservationAsync(string productId, Guid orderId, int quantity)
    {
        var update = new BsonDocument
        {
            { "$inc", new BsonDocument { { "quantity", -quantity }, { "version", 1 } } },
            { "$push", new BsonDocument("reservedFor", orderId.ToString()) },
        };
        var result = await Products().UpdateOneAsync(new BsonDocument("_id", ObjectId.Parse(productId)), update);
        Assert.Equal(1, result.ModifiedCount);
    }

    // A reservation as versions that created it before taking the lines stored it, before they took any.
    public Task InsertReservingAsync(Guid orderId, string productId, int quantity) =>
        Reservations().InsertOneAsync(new BsonDocument
        {
            { "_id", orderId.ToString() },
            { "status", "Reserving" },
            { "lines", new BsonArray { new BsonDocument { { "productId", productId }, { "quantity", quantity }, { "unitPrice", BsonNull.Value } } } },
            { "failureReason", BsonNull.Value },
            { "createdAt", DateTime.UtcNow },
            { "updatedAt", DateTime.UtcNow },
        });

    public void Dispose() => client.Dispose();

    private IMongoCollection<BsonDocument> Products() => client.GetDatabase(databaseName).GetCollection<BsonDocument>("products");

    private IMongoCollection<BsonDocument> Reservations() => client.GetDatabase(databaseName).GetCollection<BsonDocument>("reservations");
}
