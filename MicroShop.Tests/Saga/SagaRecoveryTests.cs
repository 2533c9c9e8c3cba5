using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;
using MicroShop.Tests.OrdersSaga;

namespace MicroShop.Tests.Saga;

// Nothing is lost when a service or the broker goes away while orders are in flight.
[Collection(DistributedAppCollection.Name)]
public sealed class SagaRecoveryTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task Orders_wait_in_the_queue_while_Products_is_stopped_and_all_reach_their_outcome_after_it_starts()
    {
        var product = await saga.CreateProductAsync(quantity: 10);
        var orderIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();

        await fixture.StopResourceAsync("products");
        try
        {
            // Orders created while Products is down: the order rows exist and their order.created messages are on the broker.
            foreach (var orderId in orderIds)
            {
                await saga.InsertPendingOrderAsync(orderId, product.Id, quantity: 1);
                await saga.PublishRawAsync(MessageTopology.ProductsExchange, MessageTopology.OrderCreatedRoutingKey,
                    SagaDriver.Envelope(nameof(OrderCreated),
                        $$"""{"orderId":"{{orderId}}","userId":"saga-recovery","items":[{"productId":"{{product.Id}}","quantity":1}],"createdAt":"{{DateTimeOffset.UtcNow:O}}"}"""));
            }

            Assert.True(await saga.ReadyMessagesAsync(MessageTopology.ProductReservationQueue) >= orderIds.Length);
            Assert.All(await Task.WhenAll(orderIds.Select(id => saga.GetOrderAsync(id.ToString()))),
                order => Assert.Equal("PENDING", order.Status));
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }

        var outcomes = await Task.WhenAll(orderIds.Select(id => saga.WaitForOutcomeAsync(id.ToString())));
        Assert.All(outcomes, order => Assert.Equal("PRODUCT_RESERVED", order.Status));
        Assert.Equal(5, await saga.StockAsync(product.Id));
    }

    [Fact]
    public async Task Orders_placed_while_RabbitMQ_restarts_are_neither_lost_nor_left_pending_and_no_outbox_row_is_parked()
    {
        const int startingStock = 1_000;
        var product = await saga.CreateProductAsync(quantity: startingStock);

        // A steady trickle of orders (at most ten a second) during and after the broker's absence. Every order placed
        // while it is away stays PENDING until it is back, so the trickle stops at 100 however long the restart takes
        // on a slow machine: more would meet Orders' admission bound (200 pending) and be refused, as designed.
        const int mostWhileRestarting = 100;
        const int placedAfterwards = 5;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var restart = fixture.RestartResourceAsync("rabbitmq");
        var placed = new List<string>();
        async Task PlaceNextAsync()
        {
            placed.Add((await saga.PlaceOrderAsync((product.Id, 1))).Id);
            await pace.WaitForNextTickAsync();
        }

        while (!restart.IsCompleted && placed.Count < mostWhileRestarting)
        {
            await PlaceNextAsync();
        }

        await restart;
        for (var i = 0; i < placedAfterwards; i++)
        {
            await PlaceNextAsync();
        }

        var outcomes = await Task.WhenAll(placed.Select(saga.WaitForOutcomeAsync));

        Assert.All(outcomes, order => Assert.Equal("PRODUCT_RESERVED", order.Status));
        Assert.Equal(startingStock - placed.Count, await saga.StockAsync(product.Id));

        // The outage was no failure of any row: each OrderCreated went out on the one attempt that was counted.
        var rows = await new OutboxTable(orders).RowsOfOrdersAsync(placed);
        Assert.Equal(placed.Count, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Null(row.ParkedAt);
            Assert.NotNull(row.PublishedAt);
            Assert.Equal(1, row.Attempts);
        });
    }

    [Fact]
    public async Task Products_goes_on_reserving_after_its_broker_connection_drops_while_it_publishes_outcomes()
    {
        const int startingStock = 1_000;
        const int rounds = 8;
        const int placers = 6;
        const int ordersPerPlacer = 15;
        var product = await saga.CreateProductAsync(quantity: startingStock);

        // Each round places an order and, once it has its outcome, cuts Products' connection while the next ones (six
        // at a time, fewer than the Gateway takes for a stall) are being reserved and their outcomes published. A publish
        // whose confirm or exchange declaration is lost with the connection must not hold up the consumer, nor the
        // publishes after it, for good: the round's orders need the queue consumed and their outcomes published again.
        var placed = new List<string>();
        var closed = new HashSet<string>();
        for (var round = 0; round < rounds; round++)
        {
            var connection = (await Poll.UntilAsync(
                () => saga.ConnectionsOfAsync("MicroShop.Products"),
                connections => connections.Count == 1 && !closed.Contains(connections[0]),
                "Products' new connection in the broker's list")).Single();
            var first = await saga.PlaceOrderAsync((product.Id, 1));
            var others = Task.WhenAll(Enumerable.Range(0, placers).Select(_ => PlaceOneAfterAnotherAsync(product.Id, ordersPerPlacer)));
            await saga.WaitForOutcomeAsync(first.Id);
            await saga.CloseConnectionAsync(connection);
            closed.Add(connection);

            string[] roundOrders = [first.Id, .. (await others).SelectMany(ids => ids)];
            placed.AddRange(roundOrders);
            var outcomes = await Task.WhenAll(roundOrders.Select(saga.WaitForOutcomeAsync));
            Assert.All(outcomes, order => Assert.Equal("PRODUCT_RESERVED", order.Status));
        }

        Assert.Equal(startingStock - placed.Count, await saga.StockAsync(product.Id));
    }

    private async Task<IReadOnlyList<string>> PlaceOneAfterAnotherAsync(string productId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await saga.PlaceOrderAsync((productId, 1))).Id);
        }

        return ids;
    }

    public void Dispose()
    {
        saga.Dispose();
        orders.Dispose();
    }
}
