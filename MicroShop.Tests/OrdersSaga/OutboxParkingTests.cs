using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.OrdersSaga;

// Orders' relay parks an outbox row that fails every attempt for a reason of its own and goes on with the rows behind
// it; the Gateway's admin lists parked rows and replays one once an operator has fixed it.
[Collection(DistributedAppCollection.Name)]
public sealed class OutboxParkingTests(DistributedAppFixture fixture) : IAsyncLifetime
{
    // Orders' default Orders:Outbox:MaxAttempts.
    private const int MaxAttempts = 5;

    // The relay backs off 1, 2, 4 and 8 s between a row's attempts: parked after about 15 s.
    private static readonly TimeSpan ParkingDeadline = TimeSpan.FromMinutes(1);

    private readonly OrdersDriver orders = new(fixture);
    private readonly List<long> insertedRows = [];

    private OutboxTable Outbox => new(orders);

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_row_with_an_unreadable_payload_is_parked_with_its_error_the_order_behind_it_gets_its_outcome_and_a_replay_after_the_fix_publishes_it()
    {
        var product = await orders.CreateProductAsync(6.00m);
        var userId = OrdersDriver.NewUserId();
        var stuckOrderId = await orders.InsertPendingOrderAsync(userId, product.Id, quantity: 2, unitPrice: product.Price);
        using var read = await orders.GetOrderAsync(stuckOrderId);
        var message = new OrderCreated(
            Guid.Parse(stuckOrderId), userId, [new OrderLine(product.Id, 2, product.Price)], (await OrdersDriver.ReadOrderAsync(read)).CreatedAt);

        // Well-formed JSON, as the jsonb column demands, that is no OrderCreated: its items are a string.
        var unreadable = JsonSerializer.SerializeToNode(message, JsonSerializerOptions.Web)!.AsObject();
        unreadable["items"] = "two of them";
        var poisonId = await InsertAsync(OutboxTable.OrderCreatedType, unreadable.ToJsonString());
        var placed = await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 1));

        var parked = await WaitUntilParkedAsync(poisonId);
        Assert.Equal(MaxAttempts, parked.Attempts);
        Assert.StartsWith("JsonException: ", parked.LastError, StringComparison.Ordinal);
        Assert.Null(parked.PublishedAt);
        Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(placed.Id)).Status);
        Assert.Equal("PENDING", (await ReadOrderAsync(stuckOrderId)).Status);

        var page = await ParkedAsync();
        Assert.True(page.TotalCount >= 1);
        Assert.Equal(
            new ParkedOutboxMessageView(
                poisonId, parked.MessageId.ToString(), OutboxTable.OrderCreatedType, MaxAttempts, parked.LastError!, parked.CreatedAt, parked.ParkedAt!.Value),
            Assert.Single(page.Items, item => item.Id == poisonId));

        // The operator repairs the payload, then replays the row.
        await Outbox.SetPayloadAsync(poisonId, JsonSerializer.Serialize(message, JsonSerializerOptions.Web));
        using var replay = await orders.Gateway.PostAsync($"/admin/outbox/parked/{poisonId}/replay", null);

        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        var published = await Poll.UntilAsync(
            () => Outbox.RowAsync(poisonId),
            row => row.PublishedAt is not null,
            $"the relay to publish replayed outbox row {poisonId}");
        Assert.Null(published.ParkedAt);
        Assert.Equal(1, published.Attempts);
        Assert.Null(published.LastError);
        Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(stuckOrderId)).Status);
        Assert.DoesNotContain((await ParkedAsync()).Items, item => item.Id == poisonId);
    }

    [Fact]
    public async Task A_row_of_an_unknown_type_is_parked_with_its_error_and_the_order_behind_it_gets_its_outcome()
    {
        const string unknownType = "MicroShop.Contracts.Messages.OrderRefunded";
        var poisonId = await InsertAsync(unknownType, $$"""{"orderId":"{{Guid.NewGuid()}}"}""");
        var placed = await orders.PlaceOrderAsync();

        var parked = await WaitUntilParkedAsync(poisonId);

        Assert.Equal(MaxAttempts, parked.Attempts);
        Assert.Equal($"InvalidOperationException: Outbox message {poisonId} has an unknown type '{unknownType}'.", parked.LastError);
        Assert.Null(parked.PublishedAt);
        Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(placed.Id)).Status);
        Assert.Contains((await ParkedAsync()).Items, item => item.Id == poisonId && item.MessageType == unknownType);
    }

    [Fact]
    public async Task Replaying_a_row_that_is_not_parked_is_a_404_problem_and_a_malformed_id_a_400_problem()
    {
        var placed = await orders.PlaceOrderAsync();
        var publishedRow = await Poll.UntilAsync(
            async () => Assert.Single(await Outbox.RowsOfOrderAsync(placed.Id)),
            row => row.PublishedAt is not null,
            $"the OrderCreated of order {placed.Id} to be published");

        using var published = await orders.Gateway.PostAsync($"/admin/outbox/parked/{publishedRow.Id}/replay", null);
        using var unknown = await orders.Gateway.PostAsync($"/admin/outbox/parked/{long.MaxValue}/replay", null);
        using var malformed = await orders.Gateway.PostAsync("/admin/outbox/parked/oldest/replay", null);

        var notParked = await ProblemAssert.IsProblemAsync(published, HttpStatusCode.NotFound);
        Assert.Equal($"No outbox message {publishedRow.Id} is parked.", notParked.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.NotNull((await Outbox.RowAsync(publishedRow.Id)).PublishedAt);
    }

    private async Task<long> InsertAsync(string messageType, string payload)
    {
        var id = await Outbox.InsertAsync(messageType, payload);
        insertedRows.Add(id);
        return id;
    }

    private Task<OutboxRow> WaitUntilParkedAsync(long id) =>
        Poll.UntilAsync(() => Outbox.RowAsync(id), row => row.ParkedAt is not null, $"outbox row {id} to be parked", ParkingDeadline);

    private async Task<OrderView> ReadOrderAsync(string orderId)
    {
        using var read = await orders.GetOrderAsync(orderId);
        return await OrdersDriver.ReadOrderAsync(read);
    }

    // A list of rows, not a problem: 200 with plain JSON.
    private async Task<ParkedOutboxPageView> ParkedAsync()
    {
        using var response = await orders.Gateway.GetAsync("/admin/outbox/parked");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<ParkedOutboxPageView>() ?? throw new InvalidOperationException("No page in the response.");
    }

    // A test that failed before its row was parked must not leave the row holding up the other tests' messages.
    public async Task DisposeAsync()
    {
        await Outbox.DeletePendingAsync(insertedRows);
        orders.Dispose();
    }
}
