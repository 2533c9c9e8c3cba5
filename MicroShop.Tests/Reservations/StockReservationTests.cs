using System.Net.Http.Json;
using System.Text;
using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Messages;
using MicroShop.Contracts.Products.V1;
using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using static MicroShop.Tests.Reservations.SagaBroker;

namespace MicroShop.Tests.Reservations;

// The Products side of the order saga, through the running application without Orders: the tests publish
// OrderCreated / OrderCancelled envelopes on products_exchange as Orders would, and read the outcomes on
// orders_exchange and the stock through the catalog. Every test uses its own products and order ids.
[Collection(DistributedAppCollection.Name)]
public sealed class StockReservationTests(DistributedAppFixture fixture) : IAsyncLifetime
{
    private readonly ProductCatalog.ProductCatalogClient catalog = new(fixture.CreateGrpcChannel("products"));
    private SagaBroker broker = null!;
    private ReservationDocuments documents = null!;

    public async Task InitializeAsync()
    {
        broker = await SagaBroker.ConnectAsync(await fixture.GetConnectionStringAsync("rabbitmq"));
        documents = new ReservationDocuments(await fixture.GetConnectionStringAsync("mongodb"));
    }

    public async Task DisposeAsync()
    {
        await broker.DisposeAsync();
        documents.Dispose();
    }

    [Fact]
    public async Task An_order_takes_exactly_its_quantities_and_ProductsReserved_is_published()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var mug = await CreateProductAsync("Enamel mug", quantity: 4);
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 3), Line(mug, 4));
        var outcome = await broker.WaitForOutcomeAsync(orderId);

        Assert.Equal(ReservationOutcome.Succeeded, outcome.RoutingKey);
        Assert.Equal("urn:message:MicroShop.Contracts.Messages:ProductsReserved", outcome.MessageType);
        Assert.Equal(7, await StockAsync(lamp));
        Assert.Equal(0, await StockAsync(mug));
    }

    [Fact]
    public async Task When_the_second_line_lacks_stock_nothing_is_reserved_and_the_reason_says_why()
    {
        var mug = await CreateProductAsync("Enamel mug", quantity: 10);
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 2);
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCreatedAsync(orderId, Line(mug, 3), Line(lamp, 5));
        var outcome = await broker.WaitForOutcomeAsync(orderId);

        Assert.Equal(ReservationOutcome.Failed, outcome.RoutingKey);
        Assert.Equal("urn:message:MicroShop.Contracts.Messages:ProductReservationFailed", outcome.MessageType);
        Assert.Equal("insufficient stock for 'Desk Lamp': requested 5, available 2", outcome.Reason);
        Assert.Equal(10, await StockAsync(mug));
        Assert.Equal(2, await StockAsync(lamp));
        Assert.Empty(await ReservedForAsync(mug));
    }

    [Fact]
    public async Task An_unknown_product_fails_the_order_and_returns_the_other_lines()
    {
        var mug = await CreateProductAsync("Enamel mug", quantity: 10);
        var unknown = ObjectId.GenerateNewId().ToString();
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCreatedAsync(orderId, Line(mug, 1), Line(unknown, 1));
        var outcome = await broker.WaitForOutcomeAsync(orderId);

        Assert.Equal(ReservationOutcome.Failed, outcome.RoutingKey);
        Assert.Equal($"product {unknown} does not exist", outcome.Reason);
        Assert.Equal(10, await StockAsync(mug));
    }

    [Fact]
    public async Task An_inactive_product_fails_the_order()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10, isActive: false);
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 1));
        var outcome = await broker.WaitForOutcomeAsync(orderId);

        Assert.Equal(ReservationOutcome.Failed, outcome.RoutingKey);
        Assert.Equal("product 'Desk Lamp' is not active", outcome.Reason);
        Assert.Equal(10, await StockAsync(lamp));
    }

    [Fact]
    public async Task A_line_captured_at_another_price_fails_the_order_and_returns_the_other_lines()
    {
        var mug = await CreateProductAsync("Enamel mug", quantity: 10);
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCreatedAsync(orderId, Line(mug, 2, unitPrice: 19.99m), Line(lamp, 1, unitPrice: 17.5m));
        var outcome = await broker.WaitForOutcomeAsync(orderId);

        Assert.Equal(ReservationOutcome.Failed, outcome.RoutingKey);
        Assert.Equal("the price of 'Desk Lamp' changed from 17.50 to 19.99 after the order was placed", outcome.Reason);
        Assert.Equal((10, 10), await StocksAsync(mug, lamp));
        Assert.Empty(await ReservedForAsync(mug));
    }

    [Fact]
    public async Task An_order_that_lists_a_product_twice_takes_the_sum_and_gives_the_sum_back()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 2), Line(lamp, 3));
        Assert.True((await broker.WaitForOutcomeAsync(orderId)).IsReserved);
        Assert.Equal(5, await StockAsync(lamp));

        await broker.PublishOrderCancelledAsync(orderId);
        await Poll.UntilAsync(() => StockAsync(lamp), stock => stock == 10, "the summed units to come back");
    }

    [Fact]
    public async Task The_same_OrderCreated_delivered_twice_reserves_once()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();
        var envelope = OrderCreatedEnvelope(orderId, Line(lamp, 4));

        await broker.PublishAsync(MessageTopology.OrderCreatedRoutingKey, envelope);
        await broker.PublishAsync(MessageTopology.OrderCreatedRoutingKey, envelope);
        var outcomes = await broker.WaitForOutcomesAsync(orderId, count: 2);

        Assert.All(outcomes, outcome => Assert.Equal(ReservationOutcome.Succeeded, outcome.RoutingKey));
        Assert.Equal(6, await StockAsync(lamp));
    }

    [Fact]
    public async Task Cancelling_a_reserved_order_returns_its_stock_once_however_often_it_is_cancelled()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var mug = await CreateProductAsync("Enamel mug", quantity: 5);
        var orderId = Guid.NewGuid();
        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 4), Line(mug, 5));
        Assert.True((await broker.WaitForOutcomeAsync(orderId)).IsReserved);

        await broker.PublishOrderCancelledAsync(orderId);
        await Poll.UntilAsync(() => StocksAsync(lamp, mug), stocks => stocks == (10, 5), "the stock to come back");
        var firstCancel = await CancelledReservationAsync(orderId);

        await broker.PublishOrderCancelledAsync(orderId);
        await Poll.UntilAsync(
            () => documents.FindReservationAsync(orderId),
            reservation => reservation?["updatedAt"] > firstCancel["updatedAt"],
            "the second cancel to be handled");

        // A later order that wants the whole stock shows what the second cancel left: exactly the original stock.
        var probe = Guid.NewGuid();
        await broker.PublishOrderCreatedAsync(probe, Line(lamp, 11));
        Assert.Equal("insufficient stock for 'Desk Lamp': requested 11, available 10", (await broker.WaitForOutcomeAsync(probe)).Reason);
        Assert.Equal((10, 5), await StocksAsync(lamp, mug));
        Assert.Empty(broker.OutcomesFor(orderId).Skip(1));
    }

    [Fact]
    public async Task A_cancel_that_arrives_before_OrderCreated_leaves_the_order_holding_nothing()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();

        await broker.PublishOrderCancelledAsync(orderId, Line(lamp, 3));
        await CancelledReservationAsync(orderId);
        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 3));
        // The order takes its line before it finds the cancel, then gives it back, unless the cancel, still giving back
        // the lines it carries, gets there first: either way the handler logs once it is done.
        await ServiceLog.WaitForLineAsync(fixture, "products", $"Order {orderId} is cancelled; gave back ");

        // An order for the whole stock is reserved only if the cancelled order holds nothing.
        var probe = Guid.NewGuid();
        await broker.PublishOrderCreatedAsync(probe, Line(lamp, 10));
        Assert.True((await broker.WaitForOutcomeAsync(probe)).IsReserved);
        Assert.Equal(0, await StockAsync(lamp));
        Assert.Empty(broker.OutcomesFor(orderId));
        Assert.Equal("Cancelled", (await documents.FindReservationAsync(orderId))?["status"].AsString);
    }

    [Fact]
    public async Task A_cancel_gives_back_what_an_OrderCreated_took_and_never_settled()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();
        // A handler took the line and stopped before it stored the outcome (its message dead-lettered, say).
        await documents.TakeWithoutReservationAsync(lamp, orderId, 3);
        Assert.Equal(7, await StockAsync(lamp));

        await broker.PublishOrderCancelledAsync(orderId, Line(lamp, 3));
        await Poll.UntilAsync(() => StockAsync(lamp), stock => stock == 10, "the taken units to come back");
        Assert.Empty(await ReservedForAsync(lamp));
        Assert.Equal("Cancelled", (await CancelledReservationAsync(orderId))["status"].AsString);
    }

    [Fact]
    public async Task A_cancel_whose_lines_no_order_could_have_taken_gives_nothing_back()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();
        await documents.TakeWithoutReservationAsync(lamp, orderId, 3);

        await broker.PublishOrderCancelledAsync(orderId, Line(lamp, -3));
        await ServiceLog.WaitForLineAsync(fixture, "products", $"Order {orderId} cancelled (cancelled by the test); gave back 0 of 0 lines");

        Assert.Equal(7, await StockAsync(lamp));
        Assert.Equal(new BsonArray { orderId.ToString() }, await ReservedForAsync(lamp));
    }

    [Fact]
    public async Task An_OrderCreated_redelivered_after_the_order_completed_keeps_the_sold_units_sold_and_takes_no_more()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();
        var envelope = OrderCreatedEnvelope(orderId, Line(lamp, 4));
        await broker.PublishAsync(MessageTopology.OrderCreatedRoutingKey, envelope);
        Assert.True((await broker.WaitForOutcomeAsync(orderId)).IsReserved);

        await broker.PublishOrderCompletedAsync(orderId);
        await Poll.UntilAsync(() => ReservedForAsync(lamp), holders => holders.Count == 0, "the completed order to leave the product");
        Assert.Equal("Completed", (await documents.FindReservationAsync(orderId))?["status"].AsString);

        // The redelivery takes the units afresh, finds the reservation Completed and gives back what it took.
        await broker.PublishAsync(MessageTopology.OrderCreatedRoutingKey, envelope);
        var outcomes = await broker.WaitForOutcomesAsync(orderId, count: 2);

        Assert.All(outcomes, outcome => Assert.Equal(ReservationOutcome.Succeeded, outcome.RoutingKey));
        Assert.Equal(6, await StockAsync(lamp));
        Assert.Empty(await ReservedForAsync(lamp));
    }

    [Fact]
    public async Task A_reservation_an_earlier_version_left_Reserving_is_settled_by_the_next_delivery()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();
        await documents.InsertReservingAsync(orderId, lamp, 4);

        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 4));

        Assert.True((await broker.WaitForOutcomeAsync(orderId)).IsReserved);
        Assert.Equal(6, await StockAsync(lamp));
        Assert.Equal("Reserved", (await documents.FindReservationAsync(orderId))?["status"].AsString);
    }

    [Fact]
    public async Task Stock_held_by_an_order_is_internal_and_survives_a_replace_of_the_product()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderId = Guid.NewGuid();
        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 4));
        Assert.True((await broker.WaitForOutcomeAsync(orderId)).IsReserved);

        using var gateway = fixture.CreateAdminGatewayClient();
        var read = await gateway.GetFromJsonAsync<Dictionary<string, object>>($"/products/{lamp}");
        var replaced = await catalog.UpdateProductAsync(new UpdateProductRequest
        {
            Id = lamp,
            Name = "Desk Lamp",
            Description = "Restocked.",
            Price = DecimalValue.FromDecimal(19.99m),
            Quantity = 20,
            Category = "reservations",
            IsActive = true,
        });

        Assert.DoesNotContain("reservedFor", read!.Keys);
        Assert.Equal(new BsonArray { orderId.ToString() }, await ReservedForAsync(lamp));

        await broker.PublishOrderCancelledAsync(orderId);
        await Poll.UntilAsync(() => StockAsync(lamp), stock => stock == 24, "the reserved units to come back on top of the new stock");
        Assert.Equal(20, replaced.Quantity);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_is_dead_lettered_and_later_orders_are_still_reserved()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var malformed = Encoding.UTF8.GetBytes($$"""{"messageId": "{{Guid.NewGuid()}}", "messageType": [""");

        await broker.PublishAsync(MessageTopology.OrderCreatedRoutingKey, malformed);
        var headers = await broker.TakeDeadLetterAsync(malformed);

        Assert.Contains(headers.Keys, key => key.StartsWith("MT-Fault-", StringComparison.Ordinal));
        Assert.NotEqual("", HeaderText(headers, "MT-Fault-Message"));

        var orderId = Guid.NewGuid();
        await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 2));
        Assert.True((await broker.WaitForOutcomeAsync(orderId)).IsReserved);
        Assert.Equal(8, await StockAsync(lamp));
    }

    [Fact]
    public async Task Of_a_hundred_concurrent_orders_for_ten_units_exactly_ten_are_reserved()
    {
        var lamp = await CreateProductAsync("Desk Lamp", quantity: 10);
        var orderIds = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();

        foreach (var orderId in orderIds)
        {
            await broker.PublishOrderCreatedAsync(orderId, Line(lamp, 1));
        }

        var outcomes = await Poll.UntilAsync(
            () => Task.FromResult(orderIds.SelectMany(broker.OutcomesFor).ToList()),
            received => received.Count >= orderIds.Count,
            "an outcome for each of the 100 orders",
            TimeSpan.FromMinutes(2));

        Assert.Equal(orderIds.Order(), outcomes.Select(outcome => outcome.OrderId).Order());
        Assert.Equal(10, outcomes.Count(outcome => outcome.IsReserved));
        Assert.All(outcomes.Where(outcome => !outcome.IsReserved), outcome =>
            Assert.Equal("insufficient stock for 'Desk Lamp': requested 1, available 0", outcome.Reason));
        Assert.Equal(0, await StockAsync(lamp));
        Assert.Equal(10, (await ReservedForAsync(lamp)).Count);
    }

    private async Task<string> CreateProductAsync(string name, int quantity, bool isActive = true) =>
        (await catalog.CreateProductAsync(new CreateProductRequest
        {
            Name = name,
            Description = "For the reservation tests.",
            Price = DecimalValue.FromDecimal(19.99m),
            Quantity = quantity,
            Category = "reservations",
            IsActive = isActive,
        })).Id;

    private async Task<int> StockAsync(string productId) =>
        (await catalog.GetProductAsync(new GetProductRequest { Id = productId })).Quantity;

    private async Task<(int, int)> StocksAsync(string first, string second) => (await StockAsync(first), await StockAsync(second));

    private async Task<BsonArray> ReservedForAsync(string productId) =>
        (await documents.FindProductAsync(productId)).GetValue("reservedFor", new BsonArray()).AsBsonArray;

    private async Task<BsonDocument> CancelledReservationAsync(Guid orderId) =>
        (await Poll.UntilAsync(
            () => documents.FindReservationAsync(orderId),
            reservation => reservation?["status"] == "Cancelled",
            $"order {orderId}'s reservation to be cancelled"))!;
}
