using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.OrdersSaga;

// Orders' transactional outbox: what a change of an order writes to outbox_messages, and the relay publishing it.
[Collection(DistributedAppCollection.Name)]
public sealed class OutboxTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    private OutboxTable Outbox => new(orders);

    [Fact]
    public async Task Placing_an_order_writes_its_OrderCreated_with_the_requests_trace_and_the_relay_publishes_it()
    {
        var product = await orders.CreateProductAsync(2.50m);
        var userId = OrdersDriver.NewUserId();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(new { userId, items = new[] { OrdersDriver.Line(product.Id, 4) } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await orders.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await OrdersDriver.ReadOrderAsync(response);
        var row = Assert.Single(await Outbox.RowsOfOrderAsync(order.Id));
        Assert.Equal(OutboxTable.OrderCreatedType, row.MessageType);
        var message = JsonSerializer.Deserialize<OrderCreated>(row.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal(Guid.Parse(order.Id), message.OrderId);
        Assert.Equal(userId, message.UserId);
        Assert.Equal(new[] { new OrderLine(product.Id, 4, product.Price) }, message.Items);
        Assert.Equal(order.CreatedAt, message.CreatedAt);

        // The Gateway continued the caller's trace into the gRPC call, and Orders stored it with the message.
        Assert.NotNull(row.TraceParent);
        Assert.Equal(traceId.ToString(), row.TraceParent.Split('-')[1]);

        var published = await Poll.UntilAsync(
            async () => Assert.Single(await Outbox.RowsOfOrderAsync(order.Id)),
            candidate => candidate.PublishedAt is not null,
            $"the OrderCreated of order {order.Id} to be published");
        Assert.Equal(row.MessageId, published.MessageId);
        Assert.True(published.PublishedAt >= published.CreatedAt);
    }

    [Fact]
    public async Task Repeated_and_concurrent_creates_with_one_idempotency_key_write_one_OrderCreated()
    {
        var product = await orders.CreateProductAsync(1.25m);
        var userId = OrdersDriver.NewUserId();
        var key = Guid.NewGuid().ToString();
        var body = new { userId, items = new[] { OrdersDriver.Line(product.Id, 1) } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => orders.PostOrderAsync(body, key)));
        using var repeat = await orders.PostOrderAsync(body, key);

        try
        {
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
            var orderIds = (await Task.WhenAll(responses.Append(repeat).Select(OrdersDriver.ReadOrderAsync))).Select(order => order.Id).Distinct();
            var orderId = Assert.Single(orderIds);
            Assert.Equal(OutboxTable.OrderCreatedType, Assert.Single(await Outbox.RowsOfOrderAsync(orderId)).MessageType);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Cancelling_writes_one_OrderCancelled_with_the_reason_and_cancelling_again_writes_nothing()
    {
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());

        using var first = await orders.TransitionAsync(orderId, "cancel", new { reason = "Found it cheaper" });
        using var second = await orders.TransitionAsync(orderId, "cancel", new { reason = "Really" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var cancelled = await OrdersDriver.ReadOrderAsync(first);
        var row = Assert.Single(await Outbox.RowsOfOrderAsync(orderId));
        Assert.Equal(OutboxTable.OrderCancelledType, row.MessageType);
        var message = JsonSerializer.Deserialize<OrderCancelled>(row.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal(new OrderCancelled(Guid.Parse(orderId), "Found it cheaper", cancelled.UpdatedAt), message with { Items = null });
        Assert.Equal(OutboxTable.LinesOf(cancelled), message.Items);
        await Poll.UntilAsync(
            async () => Assert.Single(await Outbox.RowsOfOrderAsync(orderId)),
            candidate => candidate.PublishedAt is not null,
            $"the OrderCancelled of order {orderId} to be published");
    }

    [Fact]
    public async Task Completing_writes_one_OrderCompleted_and_a_forbidden_second_completion_writes_nothing()
    {
        var order = await orders.PlaceOrderInStatusAsync("CONFIRMED");
        var rowsBefore = await Outbox.RowsOfOrderAsync(order.Id);

        using var first = await orders.TransitionAsync(order.Id, "complete");
        using var second = await orders.TransitionAsync(order.Id, "complete");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var completed = await OrdersDriver.ReadOrderAsync(first);
        var row = Assert.Single(await Outbox.RowsOfOrderAsync(order.Id), candidate => rowsBefore.All(before => before.Id != candidate.Id));
        Assert.Equal(OutboxTable.OrderCompletedType, row.MessageType);
        Assert.Equal(
            new OrderCompleted(Guid.Parse(order.Id), completed.UpdatedAt),
            JsonSerializer.Deserialize<OrderCompleted>(row.Payload, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_row_left_unpublished_by_a_crash_after_the_commit_is_published_and_its_order_gets_an_outcome()
    {
        var product = await orders.CreateProductAsync(3.00m);
        var userId = OrdersDriver.NewUserId();
        var orderId = await orders.InsertPendingOrderAsync(userId, product.Id, quantity: 2, unitPrice: product.Price);
        using var read = await orders.GetOrderAsync(orderId);
        var order = await OrdersDriver.ReadOrderAsync(read);

        // No request committed it, so nothing wakes the relay: its poll finds the row.
        await Outbox.InsertUnpublishedAsync(new OrderCreated(Guid.Parse(orderId), userId, [new OrderLine(product.Id, 2)], order.CreatedAt));

        await Poll.UntilAsync(
            async () => Assert.Single(await Outbox.RowsOfOrderAsync(orderId)),
            row => row.PublishedAt is not null,
            $"the relay to publish the OrderCreated of order {orderId}");
        var outcome = await orders.WaitForOutcomeAsync(orderId);
        Assert.Equal("PRODUCT_RESERVED", outcome.Status);
    }

    public void Dispose() => orders.Dispose();
}
