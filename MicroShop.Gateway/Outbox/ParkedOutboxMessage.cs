namespace MicroShop.Gateway.Outbox;

// An Orders outbox row the relay parked after it failed every attempt, with the last failure.
public sealed record ParkedOutboxMessage(
    long Id,
    string MessageId,
    string MessageType,
    int Attempts,
    string LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset ParkedAt);
