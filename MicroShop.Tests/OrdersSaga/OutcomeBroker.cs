using System.Text;
using System.Text.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;
using RabbitMQ.Client;

namespace MicroShop.Tests.OrdersSaga;

// Plays Products on the broker: publishes reservation outcomes to orders_exchange as raw MassTransit envelopes, and
// takes faulted ones back out of the error queue.
public sealed class OutcomeBroker : IAsyncDisposable
{
    private const string EnvelopeContentType = "application/vnd.masstransit+json";
    private static readonly TimeSpan ErrorQueueDeadline = TimeSpan.FromSeconds(30);

    private readonly IConnection connection;
    private readonly IChannel channel;

    private OutcomeBroker(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<OutcomeBroker> ConnectAsync(DistributedAppFixture fixture)
    {
        var factory = new ConnectionFactory { Uri = new Uri(await fixture.GetConnectionStringAsync("rabbitmq")) };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new OutcomeBroker(connection, channel);
    }

    public Task<Guid> PublishReservedAsync(string orderId) =>
        PublishAsync(
            MessageTopology.ProductsReservedRoutingKey,
            nameof(ProductsReserved),
            new { orderId, reservedAt = DateTimeOffset.UtcNow });

    public Task<Guid> PublishFailedAsync(string orderId, string reason) =>
        PublishAsync(
            MessageTopology.ProductReservationFailedRoutingKey,
            nameof(ProductReservationFailed),
            new { orderId, reason, failedAt = DateTimeOffset.UtcNow });

    // Takes the message with this id out of the outcome queue's error queue, leaving any other message there.
    public async Task<BasicGetResult> TakeFaultedAsync(Guid messageId)
    {
        var errorQueue = MessageTopology.ReservationOutcomeQueue + MessageTopology.ErrorQueueSuffix;
        return (await Poll.UntilAsync(
            async () =>
            {
                // Declaring it passively fails while it does not exist yet, so the first fault creates it.
                if (!await QueueExistsAsync(errorQueue))
                {
                    return null;
                }

                // The messages ahead of it stay unacknowledged until the search ends, so that each get returns the next
                // one: a message handed back at once would return to the head of the queue and hide those behind it.
                var others = new List<ulong>();
                BasicGetResult? found = null;
                try
                {
                    while (found is null && await channel.BasicGetAsync(errorQueue, autoAck: false) is { } message)
                    {
                        if (message.BasicProperties.MessageId == messageId.ToString())
                        {
                            found = message;
                        }
                        else
                        {
                            others.Add(message.DeliveryTag);
                        }
                    }
                }
                finally
                {
                    foreach (var deliveryTag in others)
                    {
                        await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true);
                    }
                }

                if (found is not null)
                {
                    await channel.BasicAckAsync(found.DeliveryTag, multiple: false);
                }

                return found;
            },
            message => message is not null,
            $"message {messageId} in {errorQueue}",
            ErrorQueueDeadline))!;
    }

    private async Task<bool> QueueExistsAsync(string queue)
    {
        // A failed passive declare closes the channel it ran on, so it gets one of its own.
        await using var probe = await connection.CreateChannelAsync();
        try
        {
            await probe.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    private async Task<Guid> PublishAsync(string routingKey, string messageTypeName, object message)
    {
        var messageId = Guid.NewGuid();
        var envelope = new
        {
            messageId,
            messageType = new[] { $"urn:message:{typeof(ProductsReserved).Namespace}:{messageTypeName}" },
            message,
        };
        var properties = new BasicProperties
        {
            ContentType = EnvelopeContentType,
            MessageId = messageId.ToString(),
            DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync(
            MessageTopology.OrdersExchange,
            routingKey,
            mandatory: true,
            properties,
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web)));
        return messageId;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
