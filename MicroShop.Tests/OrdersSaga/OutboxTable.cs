using System.Text.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Orders;
using Npgsql;

namespace MicroShop.Tests.OrdersSaga;

// Reads and writes Orders' outbox_messages directly.
public sealed class OutboxTable(OrdersDriver orders)
{
    private const string Columns = "id, message_id, message_type, payload::text, traceparent, created_at, published_at, attempts, last_error, parked_at";

    public static readonly string OrderCreatedType = typeof(OrderCreated).FullName!;
    public static readonly string OrderCancelledType = typeof(OrderCancelled).FullName!;
    public static readonly string OrderCompletedType = typeof(OrderCompleted).FullName!;

    // The lines an OrderCreated or OrderCancelled of this order carries.
    public static IReadOnlyList<OrderLine> LinesOf(OrderView order) =>
        [.. order.Items.Select(item => new OrderLine(item.ProductId, item.Quantity, item.UnitPrice))];

    public Task<IReadOnlyList<OutboxRow>> RowsOfOrderAsync(string orderId) => RowsOfOrdersAsync([orderId]);

    public async Task<IReadOnlyList<OutboxRow>> RowsOfOrdersAsync(IReadOnlyCollection<string> orderIds)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM outbox_messages WHERE payload->>'orderId' = ANY(@orderIds) ORDER BY id",
            connection);
        command.Parameters.AddWithValue("orderIds", orderIds.ToArray());
        return await ReadRowsAsync(command);
    }

    public async Task<OutboxRow> RowAsync(long id)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM outbox_messages WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return Assert.Single(await ReadRowsAsync(command));
    }

    // What a crash between the commit and the publish leaves behind: a committed row nobody has published.
    public Task InsertUnpublishedAsync(OrderCreated message) =>
        InsertAsync(OrderCreatedType, JsonSerializer.Serialize(message, JsonSerializerOptions.Web));

    // Any type and any payload, as a bug or a careless hand could leave them (the column is jsonb: well-formed JSON);
    // written now and unpublished, unless published or parked at the times given (and written then).
    public async Task<long> InsertAsync(string messageType, string payload, DateTimeOffset? publishedAt = null, DateTimeOffset? parkedAt = null)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO outbox_messages (message_id, message_type, payload, created_at, attempts, published_at, parked_at)
            VALUES (@messageId, @messageType, @payload::jsonb, coalesce(@publishedAt, @parkedAt, now()), 0, @publishedAt, @parkedAt)
            RETURNING id
            """,
            connection);
        command.Parameters.AddWithValue("messageId", Guid.NewGuid());
        command.Parameters.AddWithValue("messageType", messageType);
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("publishedAt", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = publishedAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("parkedAt", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = parkedAt });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<bool> ContainsAsync(long id)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE id = @id)", connection);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    // An operator's repair of a row's payload.
    public async Task SetPayloadAsync(long id, string payload)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("UPDATE outbox_messages SET payload = @payload::jsonb WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("payload", payload);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    // Removes rows the relay still takes (neither published nor parked), so that a failed test leaves no row that
    // holds up the rows of the tests after it.
    public async Task DeletePendingAsync(IEnumerable<long> ids)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "DELETE FROM outbox_messages WHERE id = ANY(@ids) AND published_at IS NULL AND parked_at IS NULL",
            connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await command.ExecuteNonQueryAsync();
    }

    // Removes rows whatever their state, for a test that wrote published or parked rows of its own.
    public async Task DeleteAsync(IEnumerable<long> ids)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("DELETE FROM outbox_messages WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<OutboxRow>> ReadRowsAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return rows;
    }
}
