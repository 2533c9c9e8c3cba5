namespace MicroShop.Products.Data;

// The reservations collection, one document per order. Every write is a single-document atomic operation, and a
// status changes only by a write conditional on the one it leaves, so concurrent handlers of the same order agree on
// one outcome.
public sealed class ReservationRepository(IMongoCollection<Reservation> reservations)
{
    public const string CollectionName = "reservations";

    private const int DuplicateKey = 11000;

    private static readonly FindOneAndUpdateOptions<Reservation> UpsertReturningUpdated = new() { IsUpsert = true, ReturnDocument = ReturnDocument.After };
    private static readonly FindOneAndUpdateOptions<Reservation> ReturnUpdated = new() { ReturnDocument = ReturnDocument.After };

    // Every write here is the saga's, one or more per order: built from these, not from lambdas.
    private readonly StoredField<Reservation, string> idField = new(reservations, reservation => reservation.Id);
    private readonly StoredField<Reservation, ReservationStatus> statusField = new(reservations, reservation => reservation.Status);
    private readonly StoredField<Reservation, IReadOnlyList<ReservationLine>> linesField = new(reservations, reservation => reservation.Lines);
    private readonly StoredField<Reservation, string?> failureReasonField = new(reservations, reservation => reservation.FailureReason);
    private readonly StoredField<Reservation, DateTimeOffset> createdAtField = new(reservations, reservation => reservation.CreatedAt);
    private readonly StoredField<Reservation, DateTimeOffset> updatedAtField = new(reservations, reservation => reservation.UpdatedAt);

    // Stores the order's outcome, Reserved or Failed with a reason, where the order has no reservation yet (or one an
    // earlier version left Reserving). Returns the reservation as it is afterwards: this outcome, or the one another
    // handler, a cancel or a completion stored first, which stands.
    public async Task<Reservation> SettleAsync(
        string orderId, IReadOnlyList<ReservationLine> lines, string? failureReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = new BsonDocument
        {
            {
                "$set", new BsonDocument
                {
                    statusField.Is(failureReason is null ? ReservationStatus.Reserved : ReservationStatus.Failed),
                    failureReasonField.Is(failureReason),
                    updatedAtField.Is(now),
                }
            },
            { "$setOnInsert", new BsonDocument { linesField.Is(lines), createdAtField.Is(now) } },
        };
        var filter = new BsonDocument { idField.Is(orderId), statusField.Is(ReservationStatus.Reserving) };
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
        var update = new BsonDocument
        {
            { "$set", new BsonDocument { statusField.Is(ReservationStatus.Cancelled), updatedAtField.Is(now) } },
            { "$setOnInsert", new BsonDocument { linesField.Is(lines), failureReasonField.Is(null), createdAtField.Is(now) } },
        };
        return await reservations.FindOneAndUpdateAsync(ById(orderId), update, UpsertReturningUpdated, cancellationToken);
    }

    // Reserved -> Completed (again, for a redelivery); null when the order has no reserved reservation here.
    public async Task<Reservation?> CompleteAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = new BsonDocument
        {
            idField.Is(orderId),
            statusField.In(ReservationStatus.Reserved, ReservationStatus.Completed),
        };
        var update = new BsonDocument("$set", new BsonDocument { statusField.Is(ReservationStatus.Completed), updatedAtField.Is(now) });
        return await reservations.FindOneAndUpdateAsync(filter, update, ReturnUpdated, cancellationToken);
    }

    private BsonDocument ById(string orderId) => new(idField.Is(orderId));
}
