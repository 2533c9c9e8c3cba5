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

    public void MarkPublished(DateTimeOffset now)
    {
        Attempts++;
        PublishedAt = now;
        LastError = null;
    }

    public void RecordFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Attempts++;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        LastError = error.Length > LastErrorMaxLength ? error[..LastErrorMaxLength] : error;
    }
}
