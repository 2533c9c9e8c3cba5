using MicroShop.Bench.Faults;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.OrdersSaga;
using MicroShop.Tests.Orders;
using MicroShop.Tests.Saga;

namespace MicroShop.Tests.Faults;

// Two instances of Products and two of Orders share one broker and one database of each kind.
[Collection(ReplicatedAppCollection.Name)]
public sealed class ReplicaTests(ReplicatedAppFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task One_hundred_concurrent_orders_for_ten_units_never_oversell_across_two_instances_of_each_service()
    {
        var product = await saga.CreateProductAsync(quantity: 10);

        // Into an idle shop: the orders of an earlier test still PENDING (the relays' test places 200 and waits only for
        // their publication) would make Orders refuse part of the burst, by design.
        await orders.WaitUntilNoOrderIsPendingAsync();
        var placed = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => saga.PlaceOrderWhenTakenAsync((product.Id, 1))));
        var outcomes = await Task.WhenAll(placed.Select(order => saga.WaitForOutcomeAsync(order.Id)));

        Assert.Equal(10, outcomes.Count(order => order.Status == "PRODUCT_RESERVED"));
        Assert.Equal(90, outcomes.Count(order => order.Status == "FAILED"));
        Assert.Equal(0, await saga.StockAsync(product.Id));
    }

    [Fact]
    public async Task Two_relays_publish_every_outbox_row_exactly_once()
    {
        var product = await saga.CreateProductAsync(quantity: 1_000);

        // Fifty on their way at a time: the relays race over rows committed all along. Two hundred at once measured how
        // long a busy two-core machine takes to queue through them (CI: the last past the Gateway's 5 s deadline); fifty
        // still met a stall there, refused by the Gateway (CI: a 503), hence each order posted until taken.
        var placed = new OrderView[200];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, placed.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 50 },
            async (index, _) => placed[index] = await saga.PlaceOrderWhenTakenAsync((product.Id, 1)));
        // Waits on the rows themselves, not on the orders' outcomes through the Gateway: an order's read there also
        // asks Products for its names, which says nothing about the relays (CI: a 504 from a restarted, busy Products).
        var created = await Poll.UntilAsync(
            async () => (await new OutboxTable(orders).RowsOfOrdersAsync([.. placed.Select(order => order.Id)]))
                .Where(row => row.MessageType == OutboxTable.OrderCreatedType).ToList(),
            rows => rows.Count == placed.Length && rows.All(row => row.PublishedAt is not null),
            "every OrderCreated row to be marked published");

        // attempts counts the relay's publishes of a row: one each, whichever instance took it.
        Assert.All(created, row => Assert.Equal((1, true), (row.Attempts, row.PublishedAt is not null)));
    }

    [Fact]
    public async Task Two_instances_sweeping_expired_reservations_cancel_every_expired_order_once()
    {
        var product = await saga.CreateProductAsync(quantity: 100);
        var placed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => saga.PlaceOrderWhenTakenAsync((product.Id, 1))));

        await Task.WhenAll(placed.Select(order => saga.WaitForStatusAsync(order.Id, "CANCELLED")));
        await saga.WaitForStockAsync(product.Id, 100);
        var rows = await new OutboxTable(orders).RowsOfOrdersAsync([.. placed.Select(order => order.Id)]);

        Assert.All(placed, order => Assert.Single(
            rows, row => row.MessageType == OutboxTable.OrderCancelledType && row.Payload.Contains(order.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_instance_of_Orders_and_one_of_Products_killed_under_load_while_the_others_serve_keep_every_invariant()
    {
        var report = await ShortFaultRun.RunAsync(fixture, Fault.Named(["orders", "products"]));

        Assert.True(report.InvariantsHeld, FaultTable.Render(report));
        Assert.Equal(ReplicatedAppFixture.Replicas, report.Replicas["orders"]);
        Assert.Equal(ReplicatedAppFixture.Replicas, report.Replicas["products"]);
        Assert.Equal(report.Faults[0].UnrelayedAtKill, report.Faults[0].UnrelayedPublished);
    }

    public void Dispose()
    {
        saga.Dispose();
        orders.Dispose();
    }
}
