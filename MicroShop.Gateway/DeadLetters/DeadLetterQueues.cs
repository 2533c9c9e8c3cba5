using System.Text;
using MicroShop.Contracts.Messages;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MicroShop.Gateway.DeadLetters;

// The saga's dead-letter queues (MassTransit's "<queue>_error"), read and replayed over AMQP so an
// operator needs no management UI.
public sealed class DeadLetterQueues(IConnection connection)
{
    private const string FaultHeaderPrefix = "MT-Fault-";
    private const string ReasonHeader = "MT-Reason";

    // Reading is a basic.get without acknowledgement; closing the channel puts every message back.
    public async Task<IReadOnlyList<DeadLetter>> PeekAsync(int limit, CancellationToken cancellationToken)
    {
        var deadLetters = new List<DeadLetter>();
        foreach (var sourceQueue in MessageTopology.ConsumerQueues)
        {
            var queue = sourceQueue + MessageTopology.ErrorQueueSuffix;
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var waiting = await CountAsync(channel, queue, cancellationToken);
            for (var read = 0; read < waiting && deadLetters.Count < limit; read++)
            {
                if (await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is not { } message)
                {
                    break;
                }

                deadLetters.Add(ToDeadLetter(queue, sourceQueue, message));
            }
        }

        return deadLetters;
    }

    // Moves every dead letter back to the queue it came from, without its fault headers. Each message is
    // acknowledged only after the broker confirmed its copy, so a failure half-way loses nothing.
    public async Task<IReadOnlyDictionary<string, int>> RedeliverAsync(CancellationToken cancellationToken)
    {
        var moved = new Dictionary<string, int>();
        foreach (var sourceQueue in MessageTopology.ConsumerQueues)
        {
            var queue = sourceQueue + MessageTopology.ErrorQueueSuffix;
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            var waiting = await CountAsync(channel, queue, cancellationToken);
            var count = 0;
            for (; count < waiting; count++)
            {
                if (await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is not { } message)
                {
                    break;
                }

                var properties = new BasicProperties(message.BasicProperties)
                {
                    Headers = message.BasicProperties.Headers?
                        .Where(header => !header.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && header.Key != ReasonHeader)
                        .ToDictionary(header => header.Key, header => header.Value),
                };
                await channel.BasicPublishAsync("", sourceQueue, mandatory: true, properties, message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            }

            moved[queue] = count;
        }

        return moved;
    }

    // How many messages wait in each dead-letter queue: a passive declare per queue, nothing is read. A channel per
    // queue, since the broker closes the channel that asks for a queue that does not exist yet.
    public async Task<IReadOnlyDictionary<string, uint>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, uint>();
        foreach (var sourceQueue in MessageTopology.ConsumerQueues)
        {
            var queue = sourceQueue + MessageTopology.ErrorQueueSuffix;
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            counts[queue] = await CountAsync(channel, queue, cancellationToken);
        }

        return counts;
    }

    // A dead-letter queue exists only once something has failed on its source queue.
    private static async Task<uint> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return 0;
        }
    }

    private static DeadLetter ToDeadLetter(string queue, string sourceQueue, BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers;
        return new DeadLetter(
            queue,
            sourceQueue,
            message.BasicProperties.MessageId,
            Header(headers, "MT-MessageType") ?? message.BasicProperties.Type,
            Header(headers, FaultHeaderPrefix + "Message"),
            Header(headers, FaultHeaderPrefix + "ExceptionType"),
            Header(headers, FaultHeaderPrefix + "Timestamp"),
            Encoding.UTF8.GetString(message.Body.Span));
    }

    private static string? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => value.ToString(),
            }
            : null;
}
