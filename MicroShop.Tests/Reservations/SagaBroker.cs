using MicroShop.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MicroShop.Contracts.Messages;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MicroShop.Tests.Reservations;

// Plays the Orders side of the saga on the real broker: publishes MassTransit envelopes on products_exchange,
// as Orders' outbox would, and records every outcome Products publishes on orders_exchange through an exclusive
// queue of its own (bound to reservation.#), which disappears with the connection.
public sealed class SagaBroker : IAsyncDisposable
{
    public const string MassTransitJson = "application/vnd.masstransit+json";
    public const string ErrorQueue = MessageTopology.ProductReservationQueue + MessageTopology.ErrorQueueSuffix;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection connection;
    private readonly IChannel publisher;
    private readonly IChannel listener;
    private readonly ConcurrentQueue<ReservationOutcome> outcomes = new();

    private SagaBroker(IConnection connection, IChannel publisher, IChannel listener)
    {
        this.connection = connection;
        this.publisher = publisher;
        this.listener = listener;
    }

    public static async Task<SagaBroker> ConnectAsync(string connectionString)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        var connection = await factory.CreateConnectionAsync();

        // Confirms with tracking, and mandatory publishes: a publish completes once the broker has routed the
        // message to a queue, and fails if nothing is bound for its routing key.
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var listener = await connection.CreateChannelAsync();

        // Declared as MassTransit declares it (durable topic), in case nothing has published an outcome yet.
        await listener.ExchangeDeclareAsync(MessageTopology.OrdersExchange, ExchangeType.Topic, durable: true);
        var queue = await listener.QueueDeclareAsync(exclusive: true);
        await listener.QueueBindAsync(queue.QueueName, MessageTopology.OrdersExchange, "reservation.#");

        var broker = new SagaBroker(connection, publisher, listener);
        var consumer = new AsyncEventingBasicConsumer(listener);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            broker.outcomes.Enqueue(ReadOutcome(delivery));
            return Task.CompletedTask;
        };
        await listener.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return broker;
    }

    public static OrderLine Line(string productId, int quantity, decimal? unitPrice = null) => new(productId, quantity, unitPrice);

    public static byte[] OrderCreatedEnvelope(Guid orderId, params OrderLine[] lines) =>
        Envelope(new OrderCreated(orderId, "user-reservations", lines, DateTimeOffset.UtcNow));

    public Task PublishOrderCreatedAsync(Guid orderId, params OrderLine[] lines) =>
        PublishAsync(MessageTopology.OrderCreatedRoutingKey, OrderCreatedEnvelope(orderId, lines));

    // Without lines, as versions before OrderCancelled carried them sent it.
    public Task PublishOrderCancelledAsync(Guid orderId, params OrderLine[] lines) =>
        PublishAsync(
            MessageTopology.OrderCancelledRoutingKey,
            Envelope(new OrderCancelled(orderId, "cancelled by the test", DateTimeOffset.UtcNow, lines.Length == 0 ? null : lines)));

    public Task PublishOrderCompletedAsync(Guid orderId) =>
        PublishAsync(MessageTopology.OrderCompletedRoutingKey, Envelope(new OrderCompleted(orderId, DateTimeOffset.UtcNow)));

    public async Task PublishAsync(string routingKey, byte[] body)
    {
        var properties = new BasicProperties
        {
            ContentType = MassTransitJson,
            Persistent = true,
            MessageId = Guid.NewGuid().ToString(),
        };
        await publisher.BasicPublishAsync(MessageTopology.ProductsExchange, routingKey, mandatory: true, properties, body);
    }

    public IReadOnlyList<ReservationOutcome> OutcomesFor(Guid orderId) => [.. outcomes.Where(outcome => outcome.OrderId == orderId)];

    public async Task<IReadOnlyList<ReservationOutcome>> WaitForOutcomesAsync(Guid orderId, int count = 1) =>
        await Poll.UntilAsync(
            () => Task.FromResult(OutcomesFor(orderId)),
            received => received.Count >= count,
            $"{count} outcome(s) for order {orderId}");

    public async Task<ReservationOutcome> WaitForOutcomeAsync(Guid orderId) => (await WaitForOutcomesAsync(orderId))[0];

    // Removes one dead letter, recognised by its body, from product_reservation_queue_error and returns its
    // headers; every other dead letter goes back to the queue untouched (unacknowledged gets are requeued when
    // their channel closes), so tests that look at the error queue later still find theirs.
    public async Task<IDictionary<string, object?>> TakeDeadLetterAsync(byte[] body) =>
        (await Poll.UntilAsync(() => TryTakeDeadLetterAsync(body), headers => headers is not null, $"the dead letter in {ErrorQueue}"))!;

    private async Task<IDictionary<string, object?>?> TryTakeDeadLetterAsync(byte[] body)
    {
        await using var channel = await connection.CreateChannelAsync();
        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(ErrorQueue)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            // MassTransit creates the error queue with the first message it moves there.
            return null;
        }

        for (var read = 0; read < waiting; read++)
        {
            if (await channel.BasicGetAsync(ErrorQueue, autoAck: false) is not { } message)
            {
                break;
            }

            if (message.Body.Span.SequenceEqual(body))
            {
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
                return message.BasicProperties.Headers ?? new Dictionary<string, object?>();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await listener.DisposeAsync();
        await publisher.DisposeAsync();
        await connection.DisposeAsync();
    }

    // A MassTransit envelope as Orders' publisher writes it: the message type URN and the message in camelCase.
    private static byte[] Envelope<TMessage>(TMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { $"urn:message:{typeof(TMessage).Namespace}:{typeof(TMessage).Name}" },
                message,
            },
            Json);

    private static ReservationOutcome ReadOutcome(BasicDeliverEventArgs delivery)
    {
        using var envelope = JsonDocument.Parse(delivery.Body);
        var root = envelope.RootElement;
        var message = root.GetProperty("message");
        return new ReservationOutcome(
            delivery.RoutingKey,
            root.GetProperty("messageType")[0].GetString() ?? "",
            message.GetProperty("orderId").GetGuid(),
            message.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    public static string HeaderText(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString() ?? "";
}
