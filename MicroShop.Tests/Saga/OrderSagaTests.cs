using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Saga;

// The whole saga through the running application: Gateway → Orders → outbox → RabbitMQ → Products → RabbitMQ → Orders.
[Collection(DistributedAppCollection.Name)]
public sealed class OrderSagaTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);

    [Fact]
    public async Task An_order_for_available_stock_is_reserved_and_takes_exactly_the_ordered_units()
    {
        var lamp = await saga.CreateProductAsync(quantity: 10);
        var desk = await saga.CreateProductAsync(quantity: 4);

        var order = await saga.PlaceOrderAsync((lamp.Id, 3), (desk.Id, 4));

        Assert.Equal("PENDING", order.Status);
        var outcome = await saga.WaitForOutcomeAsync(order.Id);
        Assert.Equal("PRODUCT_RESERVED", outcome.Status);
        Assert.Null(outcome.FailureReason);
        Assert.Equal(7, await saga.StockAsync(lamp.Id));
        Assert.Equal(0, await saga.StockAsync(desk.Id));
    }

    [Fact]
    public async Task An_order_whose_second_item_lacks_stock_fails_with_the_reason_and_changes_no_stock()
    {
        var plenty = await saga.CreateProductAsync(quantity: 10);
        var lampName = $"Desk Lamp {Guid.NewGuid():N}";
        var scarce = await saga.CreateProductAsync(quantity: 2, name: lampName);

        var order = await saga.PlaceOrderAsync((plenty.Id, 3), (scarce.Id, 5));

        var outcome = await saga.WaitForOutcomeAsync(order.Id);
        Assert.Equal("FAILED", outcome.Status);
        Assert.Equal($"insufficient stock for '{lampName}': requested 5, available 2", outcome.FailureReason);
        Assert.Equal(10, await saga.StockAsync(plenty.Id));
        Assert.Equal(2, await saga.StockAsync(scarce.Id));
    }

    [Fact]
    public async Task Cancelling_a_reserved_order_returns_its_stock_once_however_often_it_is_cancelled()
    {
        var product = await saga.CreateProductAsync(quantity: 8);
        var order = await saga.PlaceOrderAsync((product.Id, 3));
        await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");
        Assert.Equal(5, await saga.StockAsync(product.Id));

        var cancelled = await saga.TransitionAsync(order.Id, "cancel");
        await saga.WaitForStockAsync(product.Id, 8);
        var cancelledAgain = await saga.TransitionAsync(order.Id, "cancel");

        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(cancelled, cancelledAgain with { Items = cancelled.Items });
        // Anything the second cancel had sent would travel the queue ahead of this later order.
        var marker = await saga.PlaceOrderAsync((product.Id, 1));
        await saga.WaitForStatusAsync(marker.Id, "PRODUCT_RESERVED");
        Assert.Equal(7, await saga.StockAsync(product.Id));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_order_returns_the_sold_units_to_stock()
    {
        var product = await saga.CreateProductAsync(quantity: 6);
        var order = await saga.PlaceOrderAsync((product.Id, 4));
        await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");

        var confirmed = await saga.TransitionAsync(order.Id, "confirm");
        Assert.Equal(2, await saga.StockAsync(product.Id));
        var cancelled = await saga.TransitionAsync(order.Id, "cancel");

        Assert.Equal("CONFIRMED", confirmed.Status);
        Assert.Equal("CANCELLED", cancelled.Status);
        await saga.WaitForStockAsync(product.Id, 6);
    }

    [Fact]
    public async Task Completing_an_order_keeps_its_units_sold_and_its_product_stops_recording_it()
    {
        var product = await saga.CreateProductAsync(quantity: 5);
        var order = await saga.PlaceOrderAsync((product.Id, 3));
        await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");
        Assert.Contains(order.Id, await saga.OrdersRecordedOnProductAsync(product.Id));

        await saga.TransitionAsync(order.Id, "confirm");
        var completed = await saga.TransitionAsync(order.Id, "complete");

        Assert.Equal("COMPLETED", completed.Status);
        await Poll.UntilAsync(
            () => saga.OrdersRecordedOnProductAsync(product.Id),
            recorded => !recorded.Contains(order.Id),
            $"product {product.Id} to stop recording completed order {order.Id}",
            SagaDriver.OutcomeDeadline);
        Assert.Equal(2, await saga.StockAsync(product.Id));
    }

    [Fact]
    public async Task One_hundred_concurrent_orders_for_ten_units_never_oversell()
    {
        const int startingStock = 10;
        var product = await saga.CreateProductAsync(quantity: startingStock);

        var placed = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => saga.PlaceOrderWhenTakenAsync((product.Id, 1))));
        var outcomes = await Task.WhenAll(placed.Select(order => saga.WaitForOutcomeAsync(order.Id)));

        var reserved = outcomes.Count(order => order.Status == "PRODUCT_RESERVED");
        var failed = outcomes.Count(order => order.Status == "FAILED");
        var stock = await saga.StockAsync(product.Id);
        Assert.Equal(10, reserved);
        Assert.Equal(90, failed);
        Assert.Equal(0, stock);
        Assert.Equal(startingStock, reserved + stock);
        Assert.All(outcomes.Where(order => order.Status == "FAILED"), order =>
            Assert.StartsWith("insufficient stock for ", order.FailureReason, StringComparison.Ordinal));
    }

    public void Dispose() => saga.Dispose();
}
