using System.Diagnostics;
using System.Text.Json;

namespace MicroShop.Orders.Data;

// A message that the transaction which wrote it has committed to send. The outbox relay publishes it after the commit,
// so a message goes out if and only if the change it announces was stored.
public sealed class OutboxMessage
{
    public const int MessageTypeMaxLength = 200;
    public const int LastErrorMaxLength = 2000;

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private OutboxMessage(Guid messageId, string messageType, string payload, string? traceParent, DateTimeOffset createdAt)
    {
        MessageId = messageId;
        MessageType = messageType;
        Payload = payload;
        TraceParent = traceParent;
        CreatedAt = createdAt;
    }

    // Assigned by the database in insertion order: the order in which messages are published.
    public long Id { get; private set; }

    // Sent as MassTransit's MessageId, so a message published twice (at least once) is recognisably the same message.
    public Guid MessageId { get; private set; }

    public string MessageType { get; private set; }

    public string Payload { get; private set; }

    // The W3C trace context of the request or message that wrote the row: publishing continues that trace.
    public string? TraceParent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    // Set when the row failed MaxAttempts times for a reason of its own: the relay no longer takes it, so it no longer
    // holds up the rows behind it, until an operator replays it.
    public DateTimeOffset? ParkedAt { get; private set; }

    public static OutboxMessage Create<TMessage>(TMessage message, DateTimeOffset now)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        return new OutboxMessage(
            Guid.CreateVersion7(now),
            typeof(TMessage).FullName!,
            JsonSerializer.Serialize(message, SerializerOptions),
            traceParent,
            now);
    }

    public object ReadMessage(Type messageType) =>
        JsonSerializer.Deserialize(Payload, messageType, SerializerOptions)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");

    // Only for a failure of the row itself (a broker outage is no attempt of the row): counted, and the row is parked
    // with its error once it has failed maxAttempts times. Returns whether it is parked.
    public bool RecordFailure(Exception exception, int maxAttempts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Attempts++;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        LastError = error.Length > LastErrorMaxLength ? error[..LastErrorMaxLength] : error;
        if (Attempts >= maxAttempts)
        {
            ParkedAt = now;
        }

        return ParkedAt is not null;
    }

    // An operator's go-ahead once the cause is fixed: the relay takes the row again, in its id order, with a fresh count
    // of attempts. The last error stays until the row is published, as a record of why it was parked.
    public void Replay()
    {
        if (ParkedAt is null)
        {
            throw new InvalidOperationException($"Outbox message {Id} is not parked.");
        }

        ParkedAt = null;
        Attempts = 0;
    }
}
