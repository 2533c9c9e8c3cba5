using System.Text.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Orders;
using Npgsql;

namespace MicroShop.Tests.OrdersSaga;

// Reads and writes Orders' outbox_messages directly.
public sealed class OutboxTable(OrdersDriver orders)
{
    public static readonly string OrderCreatedType = typeof(OrderCreated).FullName!;
    public static readonly string OrderCancelledType = typeof(OrderCancelled).FullName!;
    public static readonly string OrderCompletedType = typeof(OrderCompleted).FullName!;

    public async Task<IReadOnlyList<OutboxRow>> RowsOfOrderAsync(string orderId)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT id, message_id, message_type, payload::text, traceparent, created_at, published_at
            FROM outbox_messages WHERE payload->>'orderId' = @orderId ORDER BY id
            """,
            connection);
        command.Parameters.AddWithValue("orderId", orderId);
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
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    // What a crash between the commit and the publish leaves behind: a committed row nobody has published.
    public async Task InsertUnpublishedAsync(OrderCreated message)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO outbox_messages (message_id, message_type, payload, created_at, attempts)
            VALUES (@messageId, @messageType, @payload::jsonb, now(), 0)
            """,
            connection);
        command.Parameters.AddWithValue("messageId", Guid.NewGuid());
        command.Parameters.AddWithValue("messageType", OrderCreatedType);
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(message, JsonSerializerOptions.Web));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
