using System.Net;
using System.Net.Http.Json;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.Saga;

// GET /orders/{id}/timeline: every status an order reached, oldest first, with its time, cause and reason.
[Collection(DistributedAppCollection.Name)]
public sealed class OrderTimelineTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);

    [Fact]
    public async Task A_reserved_confirmed_and_completed_order_shows_each_step_in_time_order_with_its_cause()
    {
        var product = await saga.CreateProductAsync(quantity: 5);
        var order = await saga.PlaceOrderAsync((product.Id, 1));
        var reserved = await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");
        var confirmed = await saga.TransitionAsync(order.Id, "confirm");
        var completed = await saga.TransitionAsync(order.Id, "complete");

        var timeline = await saga.GetTimelineAsync(order.Id);

        Assert.Equal(order.Id, timeline.OrderId);
        Assert.Equal(
            [
                ("PENDING", null, "CLIENT"),
                ("PRODUCT_RESERVED", "PENDING", "RESERVATION_OUTCOME"),
                ("CONFIRMED", "PRODUCT_RESERVED", "CLIENT"),
                ("COMPLETED", "CONFIRMED", "CLIENT"),
            ],
            timeline.Changes.Select(change => (change.Status, change.PreviousStatus, change.Cause)));
        Assert.Equal([order.CreatedAt, reserved.UpdatedAt, confirmed.UpdatedAt, completed.UpdatedAt], timeline.Changes.Select(change => change.At));
        AssertInTimeOrder(timeline);
        Assert.All(timeline.Changes, change => Assert.Null(change.Reason));
    }

    [Fact]
    public async Task A_cancelled_order_shows_the_clients_cancellation_with_its_reason()
    {
        var product = await saga.CreateProductAsync(quantity: 5);
        var order = await saga.PlaceOrderAsync((product.Id, 1));
        await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");
        using var cancellation = await saga.Gateway.PostAsJsonAsync($"/orders/{order.Id}/cancel", new { reason = "ordered by mistake" });
        Assert.Equal(HttpStatusCode.OK, cancellation.StatusCode);
        var cancelled = await OrdersDriver.ReadOrderAsync(cancellation);

        var timeline = await saga.GetTimelineAsync(order.Id);

        Assert.Equal(["PENDING", "PRODUCT_RESERVED", "CANCELLED"], timeline.Changes.Select(change => change.Status));
        Assert.Equal(
            new OrderStatusChangeView("CANCELLED", "PRODUCT_RESERVED", cancelled.UpdatedAt, "CLIENT", "ordered by mistake"),
            timeline.Changes[^1]);
        AssertInTimeOrder(timeline);
    }

    [Fact]
    public async Task A_failed_reservation_shows_the_outcome_with_its_reason()
    {
        var product = await saga.CreateProductAsync(quantity: 1);
        var order = await saga.PlaceOrderAsync((product.Id, 2));
        var failed = await saga.WaitForStatusAsync(order.Id, "FAILED");

        var timeline = await saga.GetTimelineAsync(order.Id);

        Assert.Equal(["PENDING", "FAILED"], timeline.Changes.Select(change => change.Status));
        Assert.Equal(new OrderStatusChangeView("FAILED", "PENDING", failed.UpdatedAt, "RESERVATION_OUTCOME", failed.FailureReason), timeline.Changes[^1]);
        Assert.Contains("insufficient stock", timeline.Changes[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_of_an_unknown_order_is_a_404_problem()
    {
        using var response = await saga.Gateway.GetAsync($"/orders/{Guid.NewGuid()}/timeline");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static void AssertInTimeOrder(OrderTimelineView timeline) =>
        Assert.All(timeline.Changes.Zip(timeline.Changes.Skip(1)), pair => Assert.True(pair.First.At < pair.Second.At, $"{pair.First} is not before {pair.Second}"));

    public void Dispose() => saga.Dispose();
}
