using System.Net.Http.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MicroShop.Bench.Faults;

// Checks, from the stores themselves, what the saga promises after any fault:
// - every order that got 201 reaches an outcome (none PENDING once the load has paused and the orders settled);
// - no order is reserved twice: each product holds an order at most once, and each order's status is its
//   reservation's (an outcome applied twice, or applied against the reservation, shows as a mismatch);
// - stock is conserved: for every product, initial stock = current stock + units of its orders that hold stock
//   (PRODUCT_RESERVED, CONFIRMED, COMPLETED);
// - the dead-letter queues gained nothing.
public sealed class SagaInvariants(
    NpgsqlDataSource orders,
    IMongoDatabase products,
    ConnectionFactory broker,
    HttpClient brokerManagement,
    IReadOnlyDictionary<string, long> initialStock) : IAsyncDisposable
{
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(250);

    // Only the queues MassTransit moves failed (_error) and unroutable (_skipped) messages to.
    private static readonly string[] DeadLetterSuffixes = ["_error", "_skipped"];

    private static readonly Dictionary<string, string> ReservationOf = new(StringComparer.Ordinal)
    {
        ["PRODUCT_RESERVED"] = "Reserved",
        ["CONFIRMED"] = "Reserved",
        ["COMPLETED"] = "Reserved",
        ["FAILED"] = "Failed",
        ["CANCELLED"] = "Cancelled",
    };

    public static async Task<SagaInvariants> ConnectAsync(FaultTarget target, IReadOnlyDictionary<string, long> initialStock, CancellationToken cancellationToken) =>
        Connect(
            await target.ConnectionStringAsync("postgres", cancellationToken),
            await target.ConnectionStringAsync("mongodb", cancellationToken),
            await target.ConnectionStringAsync("rabbitmq", cancellationToken),
            target.BrokerManagementEndpoint,
            initialStock);

    // The stores and the broker by the application's connection strings; the broker's management API (for the names of
    // the dead-letter queues) signed in as the application's broker user.
    public static SagaInvariants Connect(
        string postgres, string mongodb, string rabbitmq, Uri brokerManagement, IReadOnlyDictionary<string, long> initialStock)
    {
        var mongo = MongoUrl.Create(mongodb);
        var brokerUri = new Uri(rabbitmq);
        return new SagaInvariants(
            NpgsqlDataSource.Create(postgres),
            new MongoClient(mongo).GetDatabase(mongo.DatabaseName),
            new ConnectionFactory { Uri = brokerUri },
            BrokerManagement.CreateClient(brokerUri, brokerManagement),
            initialStock);
    }

    // Messages in the dead-letter queues now. The queues come from the management API; their counts from AMQP,
    // which has them as they are, not as of the management plugin's last statistics round.
    public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        var queues = await brokerManagement.GetFromJsonAsync<List<QueueName>>("/api/queues?columns=name", cancellationToken) ?? [];
        // A connection per count: the broker may have been restarted since the last one.
        await using var connection = await broker.CreateConnectionAsync(cancellationToken);
        long count = 0;
        foreach (var queue in queues.Select(queue => queue.Name).Where(queue => DeadLetterSuffixes.Any(suffix => queue.EndsWith(suffix, StringComparison.Ordinal))))
        {
            // A failed passive declare closes its channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                count += (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
                // Not declared yet: nothing has been dead-lettered there.
            }
        }

        return count;
    }

    // The invariants hold only once the messages in flight have been handled: checks until they hold or the timeout
    // passes, and returns the last check.
    public async Task<InvariantReport> CheckSettledAsync(
        IReadOnlyCollection<Guid> accepted, long deadLettersBefore, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            InvariantReport report;
            try
            {
                report = await CheckAsync(accepted, deadLettersBefore, cancellationToken);
            }
            catch (Exception exception) when (IsStoreUnreachable(exception) && !deadline.IsCancellationRequested)
            {
                // A store just restarted: its client's pooled connections died with it, and the next ones are fresh.
                await Task.Delay(SettlePoll, cancellationToken);
                continue;
            }

            if (report.Held || deadline.IsCancellationRequested)
            {
                return report;
            }

            try
            {
                await Task.Delay(SettlePoll, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One last check.
            }
        }
    }

    private async Task<InvariantReport> CheckAsync(IReadOnlyCollection<Guid> accepted, long deadLettersBefore, CancellationToken cancellationToken)
    {
        var details = new List<string>();
        var statuses = await ReadStatusesAsync(accepted, cancellationToken);
        var stillPending = statuses.Count(order => order.Value == "PENDING") + accepted.Count(id => !statuses.ContainsKey(id));

        var reservations = await ReadReservationsAsync(accepted, cancellationToken);
        var mismatches = 0;
        foreach (var (id, status) in statuses.Where(order => order.Value != "PENDING"))
        {
            var reservation = reservations.GetValueOrDefault(id);
            if (reservation != ReservationOf.GetValueOrDefault(status))
            {
                mismatches++;
                if (mismatches <= 5)
                {
                    details.Add($"order {id} is {status}, its reservation {reservation ?? "missing"}");
                }
            }
        }

        var (reservedTwice, outOfBalance) = await CheckStockAsync(details, cancellationToken);
        var deadLetters = await CountDeadLettersAsync(cancellationToken) - deadLettersBefore;
        return new InvariantReport(accepted.Count, stillPending, reservedTwice, mismatches, outOfBalance, deadLetters, details);
    }

    public Task<OutboxHold> HoldUnrelayedAsync(CancellationToken cancellationToken) => OutboxHold.TakeAsync(orders, cancellationToken);

    public async Task<long> CountPublishedAsync(long[] outboxIds, CancellationToken cancellationToken)
    {
        await using var command = orders.CreateCommand("SELECT count(*) FROM outbox_messages WHERE id = ANY(@ids) AND published_at IS NOT NULL");
        command.Parameters.AddWithValue("ids", outboxIds);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // How many of these orders reached their outcome after a point in time (were still in the saga then).
    public async Task<long> CountSettledAfterAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var command = orders.CreateCommand("SELECT count(*) FROM orders WHERE id = ANY(@ids) AND updated_at > @after");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("after", after.UtcDateTime);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // When the first of these orders reached an outcome after a point in time; null while none has.
    public async Task<DateTimeOffset?> FirstOutcomeAfterAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var command = orders.CreateCommand(
            "SELECT min(updated_at) FROM orders WHERE id = ANY(@ids) AND status <> 'PENDING' AND updated_at > @after");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("after", after.UtcDateTime);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime first ? new DateTimeOffset(first, TimeSpan.Zero) : null;
    }

    public static bool IsStoreUnreachable(Exception exception) =>
        exception is NpgsqlException or MongoException or TimeoutException or HttpRequestException or BrokerUnreachableException;

    public async ValueTask DisposeAsync()
    {
        await orders.DisposeAsync();
        brokerManagement.Dispose();
    }

    private async Task<Dictionary<Guid, string>> ReadStatusesAsync(IReadOnlyCollection<Guid> accepted, CancellationToken cancellationToken)
    {
        await using var command = orders.CreateCommand("SELECT id, status FROM orders WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", accepted.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statuses = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetGuid(0)] = reader.GetString(1);
        }

        return statuses;
    }

    private async Task<Dictionary<Guid, string>> ReadReservationsAsync(IReadOnlyCollection<Guid> accepted, CancellationToken cancellationToken)
    {
        var ids = new BsonArray(accepted.Select(id => id.ToString()));
        var documents = await products.GetCollection<BsonDocument>("reservations")
            .Find(new BsonDocument("_id", new BsonDocument("$in", ids)))
            .Project(new BsonDocument("status", 1))
            .ToListAsync(cancellationToken);
        return documents.ToDictionary(document => Guid.Parse(document["_id"].AsString), document => document["status"].AsString);
    }

    private async Task<(int ReservedTwice, int OutOfBalance)> CheckStockAsync(List<string> details, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = orders.CreateCommand("""
            SELECT i.product_id, sum(i.quantity) FROM order_items i JOIN orders o ON o.id = i.order_id
            WHERE i.product_id = ANY(@products) AND o.status IN ('PRODUCT_RESERVED', 'CONFIRMED', 'COMPLETED')
            GROUP BY i.product_id
            """))
        {
            command.Parameters.AddWithValue("products", initialStock.Keys.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                held[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var ids = new BsonArray(initialStock.Keys.Select(ObjectId.Parse));
        var documents = await products.GetCollection<BsonDocument>("products")
            .Find(new BsonDocument("_id", new BsonDocument("$in", ids)))
            .Project(new BsonDocument { ["quantity"] = 1, ["reservedFor"] = 1 })
            .ToListAsync(cancellationToken);

        int reservedTwice = 0, outOfBalance = 0;
        foreach (var document in documents)
        {
            var id = document["_id"].AsObjectId.ToString();
            var holders = document.GetValue("reservedFor", new BsonArray()).AsBsonArray.Select(holder => holder.AsString).ToList();
            reservedTwice += holders.Count - holders.Distinct(StringComparer.Ordinal).Count();

            var current = document["quantity"].ToInt64();
            var units = held.GetValueOrDefault(id);
            if (initialStock[id] != current + units)
            {
                outOfBalance++;
                details.Add($"product {id}: initial {initialStock[id]} != current {current} + held {units}");
            }
        }

        return (reservedTwice, outOfBalance);
    }

    private sealed record QueueName(string Name);
}
