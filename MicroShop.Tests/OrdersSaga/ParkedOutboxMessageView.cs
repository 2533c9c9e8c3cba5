namespace MicroShop.Tests.OrdersSaga;

// A parked outbox row as GET /admin/outbox/parked lists it.
public sealed record ParkedOutboxMessageView(
    long Id,
    string MessageId,
    string MessageType,
    int Attempts,
    string LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset ParkedAt);
