using Grpc.Core;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Tests.Infrastructure;
using Npgsql;

namespace MicroShop.Tests.Orders;

// Orders stores a new order without an explicit transaction: its inserts go in one batch, which PostgreSQL runs as one
// implicit transaction. A statement refused after the order's own row must take that row, its lines and its OrderCreated
// with it.
[Collection(DistributedAppCollection.Name)]
public sealed class OrderPlacementAtomicityTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task An_order_whose_timeline_entry_the_database_refuses_leaves_no_order_line_or_outbox_message()
    {
        var pen = await orders.CreateProductAsync(4.00m);
        var ink = await orders.CreateProductAsync(2.50m);
        var userId = OrdersDriver.NewUserId();
        var refusal = $"refuse_{Guid.NewGuid():N}";
        await using var connection = await orders.OpenDatabaseAsync();

        // The trigger refuses the timeline entry only once it sees the order's row in the same transaction: the failure
        // comes after the order, its lines (inserted before the entry or after it) and its outbox row were sent.
        await ExecuteAsync(connection, $"""
            CREATE FUNCTION {refusal}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM orders WHERE id = NEW.order_id AND user_id = '{userId}') THEN
                    RAISE EXCEPTION 'timeline entry refused by the test';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {refusal} BEFORE INSERT ON order_status_changes FOR EACH ROW EXECUTE FUNCTION {refusal}();
            """);
        try
        {
            using var channel = fixture.CreateGrpcChannel("orders");
            var request = new CreateOrderRequest { UserId = userId };
            request.Items.Add(new CreateOrderItem { ProductId = pen.Id, Quantity = 2 });
            request.Items.Add(new CreateOrderItem { ProductId = ink.Id, Quantity = 1 });

            var refused = await Assert.ThrowsAsync<RpcException>(
                () => new Ordering.OrderingClient(channel).CreateOrderAsync(request).ResponseAsync);
            Assert.Equal(StatusCode.Unknown, refused.StatusCode);
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TRIGGER {refusal} ON order_status_changes; DROP FUNCTION {refusal}();");
        }

        // No order row, so no line either (order_items references orders).
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM orders WHERE user_id = @userId", userId));
        Assert.Equal(0L, await CountAsync(
            connection,
            "SELECT count(*) FROM outbox_messages WHERE payload::text LIKE '%' || @userId || '%'",
            userId));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, string userId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("userId", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => orders.Dispose();
}
