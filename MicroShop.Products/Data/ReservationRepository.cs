namespace MicroShop.Products.Data;

// The reservations collection, one document per order. Every write is a single-document atomic operation, and a
// status changes only by a write conditional on the one it leaves, so concurrent handlers of the same order agree on
// one outcome.
public sealed class ReservationRepository(IMongoCollection<Reservation> reservations)
{
    public const string CollectionName = "reservations";

    private const int DuplicateKey = 11000;

    private static readonly FilterDefinitionBuilder<Reservation> Filter = Builders<Reservation>.Filter;
    private static readonly UpdateDefinitionBuilder<Reservation> Update = Builders<Reservation>.Update;

    private static readonly FindOneAndUpdateOptions<Reservation> UpsertReturningUpdated = new() { IsUpsert = true, ReturnDocument = ReturnDocument.After };
    private static readonly FindOneAndUpdateOptions<Reservation> ReturnUpdated = new() { ReturnDocument = ReturnDocument.After };

    // Stores the order's outcome, Reserved or Failed with a reason, where the order has no reservation yet (or one an
    // earlier version left Reserving). Returns the reservation as it is afterwards: this outcome, or the one another
    // handler, a cancel or a completion stored first, which stands.
    public async Task<Reservation> SettleAsync(
        string orderId, IReadOnlyList<ReservationLine> lines, string? failureReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Update
            .Set(reservation => reservation.Status, failureReason is null ? ReservationStatus.Reserved : ReservationStatus.Failed)
            .Set(reservation => reservation.FailureReason, failureReason)
            .Set(reservation => reservation.UpdatedAt, now)
            .SetOnInsert(reservation => reservation.Lines, lines)
            .SetOnInsert(reservation => reservation.CreatedAt, now);
        var filter = ById(orderId) & Filter.Eq(reservation => reservation.Status, ReservationStatus.Reserving);
        try
        {
            return await reservations.FindOneAndUpdateAsync(filter, update, UpsertReturningUpdated, cancellationToken);
        }
        catch (MongoCommandException exception) when (exception.Code == DuplicateKey)
        {
            // A reservation in another status is stored: the upsert's insert met its _id.
            return await reservations.Find(ById(orderId)).SingleAsync(cancellationToken);
        }
    }

    // Any status -> Cancelled; created Cancelled, with the cancelled order's lines, when the cancel comes first.
    public async Task<Reservation> CancelAsync(string orderId, IReadOnlyList<ReservationLine> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Update
            .Set(reservation => reservation.Status, ReservationStatus.Cancelled)
            .Set(reservation => reservation.UpdatedAt, now)
            .SetOnInsert(reservation => reservation.Lines, lines)
            .SetOnInsert(reservation => reservation.FailureReason, null)
            .SetOnInsert(reservation => reservation.CreatedAt, now);
        return await reservations.FindOneAndUpdateAsync(ById(orderId), update, UpsertReturningUpdated, cancellationToken);
    }

    // Reserved -> Completed (again, for a redelivery); null when the order has no reserved reservation here.
    public async Task<Reservation?> CompleteAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = ById(orderId) & Filter.In(reservation => reservation.Status, [ReservationStatus.Reserved, ReservationStatus.Completed]);
        var update = Update
            .Set(reservation => reservation.Status, ReservationStatus.Completed)
            .Set(reservation => reservation.UpdatedAt, now);
        return await reservations.FindOneAndUpdateAsync(filter, update, ReturnUpdated, cancellationToken);
    }

    private static FilterDefinition<Reservation> ById(string orderId) => Filter.Eq(reservation => reservation.Id, orderId);
}
