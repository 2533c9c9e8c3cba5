namespace MicroShop.Products.Data;

// The reservations collection, one document per order. Every write is a single-document atomic operation,
// and every status change is conditional on the status it leaves, so concurrent handlers of the same order
// agree on one outcome.
public sealed class ReservationRepository(IMongoCollection<Reservation> reservations)
{
    public const string CollectionName = "reservations";

    private static readonly FilterDefinitionBuilder<Reservation> Filter = Builders<Reservation>.Filter;
    private static readonly UpdateDefinitionBuilder<Reservation> Update = Builders<Reservation>.Update;

    private static readonly FindOneAndUpdateOptions<Reservation> UpsertReturningUpdated = new() { IsUpsert = true, ReturnDocument = ReturnDocument.After };
    private static readonly FindOneAndUpdateOptions<Reservation> ReturnUpdated = new() { ReturnDocument = ReturnDocument.After };

    // The order's reservation: a new one in Reserving with these lines, or the one already there, unchanged.
    public async Task<Reservation> StartAsync(string orderId, IReadOnlyList<ReservationLine> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Update
            .SetOnInsert(reservation => reservation.Status, ReservationStatus.Reserving)
            .SetOnInsert(reservation => reservation.Lines, lines)
            .SetOnInsert(reservation => reservation.FailureReason, null)
            .SetOnInsert(reservation => reservation.CreatedAt, now)
            .SetOnInsert(reservation => reservation.UpdatedAt, now);
        return await reservations.FindOneAndUpdateAsync(ById(orderId), update, UpsertReturningUpdated, cancellationToken);
    }

    // Reserving -> Reserved, or -> Failed with a reason. Returns the reservation as it is afterwards, whether
    // this call changed it or another handler had already settled it.
    public async Task<Reservation?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        await reservations.Find(ById(orderId)).FirstOrDefaultAsync(cancellationToken);

    public async Task<Reservation> SettleAsync(string orderId, string? failureReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Update
            .Set(reservation => reservation.Status, failureReason is null ? ReservationStatus.Reserved : ReservationStatus.Failed)
            .Set(reservation => reservation.FailureReason, failureReason)
            .Set(reservation => reservation.UpdatedAt, now);
        var filter = ById(orderId) & Filter.Eq(reservation => reservation.Status, ReservationStatus.Reserving);
        return await reservations.FindOneAndUpdateAsync(filter, update, ReturnUpdated, cancellationToken)
            ?? await reservations.Find(ById(orderId)).SingleAsync(cancellationToken);
    }

    // Any status -> Cancelled; created Cancelled, with no lines, when the cancel comes first.
    public async Task<Reservation> CancelAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Update
            .Set(reservation => reservation.Status, ReservationStatus.Cancelled)
            .Set(reservation => reservation.UpdatedAt, now)
            .SetOnInsert(reservation => reservation.Lines, [])
            .SetOnInsert(reservation => reservation.FailureReason, null)
            .SetOnInsert(reservation => reservation.CreatedAt, now);
        return await reservations.FindOneAndUpdateAsync(ById(orderId), update, UpsertReturningUpdated, cancellationToken);
    }

    private static FilterDefinition<Reservation> ById(string orderId) => Filter.Eq(reservation => reservation.Id, orderId);
}
