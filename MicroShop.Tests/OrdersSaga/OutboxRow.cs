namespace MicroShop.Tests.OrdersSaga;

// A row of outbox_messages as the tests read it.
public sealed record OutboxRow(
    long Id,
    Guid MessageId,
    string MessageType,
    string Payload,
    string? TraceParent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset? ParkedAt);
