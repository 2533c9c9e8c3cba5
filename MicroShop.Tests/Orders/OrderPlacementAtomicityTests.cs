using Grpc.Core;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Tests.Infrastructure;
using Npgsql;

namespace MicroShop.Tests.Orders;

// Orders stores a new order without an explicit transaction: the order, its lines, its first timeline entry and its
// OrderCreated are inserted by one statement, which PostgreSQL runs as its own transaction. A row of it refused by the
// database must take all the others with it.
[Collection(DistributedAppCollection.Name)]
public sealed class OrderPlacementAtomicityTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task An_order_whose_line_the_database_refuses_leaves_no_order_timeline_entry_or_outbox_message()
    {
        var pen = await orders.CreateProductAsync(4.00m);
        var ink = await orders.CreateProductAsync(2.50m);
        var userId = OrdersDriver.NewUserId();
        var refusal = $"refuse_{Guid.NewGuid():N}";
        await using var connection = await orders.OpenDatabaseAsync();

        // The trigger refuses the ink's line, one of the rows the statement inserts besides the order's own.
        await ExecuteAsync(connection, $"""
            CREATE FUNCTION {refusal}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'order line refused by the test';
            END $$;
            CREATE TRIGGER {refusal} BEFORE INSERT ON order_items FOR EACH ROW
                WHEN (NEW.product_id = '{ink.Id}') EXECUTE FUNCTION {refusal}();
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
            await ExecuteAsync(connection, $"DROP TRIGGER {refusal} ON order_items; DROP FUNCTION {refusal}();");
        }

        // No order row, so no line or timeline entry either (both reference orders).
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
