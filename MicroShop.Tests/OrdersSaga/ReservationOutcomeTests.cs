using System.Text;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.OrdersSaga;

// How Orders takes the reservation outcomes Products publishes. The outcomes are published here by the test, for
// PENDING orders written straight to the database, which Products never hears of.
[Collection(DistributedAppCollection.Name)]
public sealed class ReservationOutcomeTests(DistributedAppFixture fixture) : IAsyncLifetime
{
    private readonly OrdersDriver orders = new(fixture);
    private OutcomeBroker? broker;

    private OutcomeBroker Broker => broker ?? throw new InvalidOperationException("Not connected.");

    public async Task InitializeAsync() => broker = await OutcomeBroker.ConnectAsync(fixture);

    [Fact]
    public async Task ProductsReserved_moves_a_pending_order_to_PRODUCT_RESERVED_and_a_duplicate_changes_nothing()
    {
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());

        await Broker.PublishReservedAsync(orderId);
        var reserved = await orders.WaitForOutcomeAsync(orderId);
        await Broker.PublishReservedAsync(orderId);
        await ServiceLog.WaitForLineAsync(fixture, "orders", $"ProductsReserved for order {orderId} ignored");

        Assert.Equal("PRODUCT_RESERVED", reserved.Status);
        Assert.True(reserved.UpdatedAt > reserved.CreatedAt);
        var afterDuplicate = await ReadAsync(orderId);
        Assert.Equal(reserved with { Items = [] }, afterDuplicate with { Items = [] });
        Assert.Empty(await new OutboxTable(orders).RowsOfOrderAsync(orderId));
    }

    [Fact]
    public async Task ProductReservationFailed_moves_a_pending_order_to_FAILED_with_the_reason()
    {
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());

        await Broker.PublishFailedAsync(orderId, "insufficient stock for 'Desk Lamp': requested 5, available 2");
        var failed = await orders.WaitForOutcomeAsync(orderId);

        Assert.Equal("FAILED", failed.Status);
        Assert.Equal("insufficient stock for 'Desk Lamp': requested 5, available 2", failed.FailureReason);
        Assert.True(failed.UpdatedAt > failed.CreatedAt);
    }

    [Fact]
    public async Task A_late_ProductReservationFailed_for_a_reserved_order_changes_nothing()
    {
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());
        await Broker.PublishReservedAsync(orderId);
        var reserved = await orders.WaitForOutcomeAsync(orderId);

        await Broker.PublishFailedAsync(orderId, "too late");
        await ServiceLog.WaitForLineAsync(fixture, "orders", $"ProductReservationFailed for order {orderId} ignored");

        Assert.Equal("PRODUCT_RESERVED", reserved.Status);
        var afterLateFailure = await ReadAsync(orderId);
        Assert.Equal(reserved with { Items = [] }, afterLateFailure with { Items = [] });
        Assert.Null(afterLateFailure.FailureReason);
    }

    [Fact]
    public async Task ProductsReserved_for_an_order_cancelled_meanwhile_asks_Products_again_to_release_the_stock()
    {
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());
        using var cancel = await orders.TransitionAsync(orderId, "cancel", new { reason = "Changed my mind" });
        var cancelled = await OrdersDriver.ReadOrderAsync(cancel);
        var outbox = new OutboxTable(orders);

        await Broker.PublishReservedAsync(orderId);
        var rows = await Poll.UntilAsync(
            () => outbox.RowsOfOrderAsync(orderId),
            candidates => candidates.Count == 2,
            $"a second OrderCancelled for order {orderId}");

        Assert.All(rows, row => Assert.Equal(OutboxTable.OrderCancelledType, row.MessageType));
        Assert.Contains("Changed my mind", rows[1].Payload, StringComparison.Ordinal);
        var afterReservation = await ReadAsync(orderId);
        Assert.Equal(cancelled with { Items = [] }, afterReservation with { Items = [] });
    }

    [Fact]
    public async Task An_outcome_for_an_unknown_order_ends_in_the_error_queue_after_the_retries()
    {
        var unknownOrderId = Guid.NewGuid().ToString();

        var messageId = await Broker.PublishReservedAsync(unknownOrderId);
        var faulted = await Broker.TakeFaultedAsync(messageId);

        var headers = faulted.BasicProperties.Headers!;
        Assert.True(headers.ContainsKey("MT-Fault-ExceptionType"));
        Assert.Contains(unknownOrderId, Encoding.UTF8.GetString((byte[])headers["MT-Fault-Message"]!), StringComparison.Ordinal);
        Assert.Contains(unknownOrderId, Encoding.UTF8.GetString(faulted.Body.Span), StringComparison.Ordinal);
    }

    // Outcomes arrive many at a time, handled concurrently; one that cannot be taken faults alone.
    [Fact]
    public async Task A_burst_of_outcomes_with_faulty_ones_among_them_faults_only_those_and_every_other_order_takes_its_own()
    {
        var toReserve = await InsertPendingOrdersAsync(24);
        var toFail = await InsertPendingOrdersAsync(8);
        var blankReasonOrderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());
        var unknownOrderId = Guid.NewGuid().ToString();

        foreach (var orderId in toReserve[..12])
        {
            await Broker.PublishReservedAsync(orderId);
        }

        var unknownMessageId = await Broker.PublishReservedAsync(unknownOrderId);
        var blankReasonMessageId = await Broker.PublishFailedAsync(blankReasonOrderId, " ");
        foreach (var orderId in toFail)
        {
            await Broker.PublishFailedAsync(orderId, $"no stock for {orderId}");
        }

        foreach (var orderId in toReserve[12..])
        {
            await Broker.PublishReservedAsync(orderId);
        }

        foreach (var orderId in toReserve)
        {
            Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(orderId)).Status);
        }

        foreach (var orderId in toFail)
        {
            var failed = await orders.WaitForOutcomeAsync(orderId);
            Assert.Equal(("FAILED", $"no stock for {orderId}"), (failed.Status, failed.FailureReason));
        }

        var unknown = await Broker.TakeFaultedAsync(unknownMessageId);
        Assert.Contains(unknownOrderId, Encoding.UTF8.GetString((byte[])unknown.BasicProperties.Headers!["MT-Fault-Message"]!), StringComparison.Ordinal);
        await Broker.TakeFaultedAsync(blankReasonMessageId);
        Assert.Equal("PENDING", (await ReadAsync(blankReasonOrderId)).Status);
    }

    private async Task<string[]> InsertPendingOrdersAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => orders.InsertPendingOrderAsync(OrdersDriver.NewUserId())));

    private async Task<OrderView> ReadAsync(string orderId)
    {
        using var read = await orders.GetOrderAsync(orderId);
        return await OrdersDriver.ReadOrderAsync(read);
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        orders.Dispose();
    }
}
