using System.Net;
using System.Net.Http.Json;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Orders;

// POST /orders with an Idempotency-Key: the first request places the order, a repeat answers 201 with that same order.
[Collection(DistributedAppCollection.Name)]
public sealed class IdempotentCreateTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task The_same_key_from_the_same_user_returns_the_first_order()
    {
        var product = await orders.CreateProductAsync(3.50m);
        var userId = OrdersDriver.NewUserId();
        var key = Guid.NewGuid().ToString();

        using var first = await orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(product.Id, 2) } }, key);
        using var repeat = await orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(product.Id, 2) } }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        var placed = await OrdersDriver.ReadOrderAsync(first);
        Assert.Equal(placed, await OrdersDriver.ReadOrderAsync(repeat) with { Items = placed.Items });
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(1, await CountOrdersAsync(userId));
    }

    [Fact]
    public async Task The_same_key_from_another_user_or_no_key_places_another_order()
    {
        var product = await orders.CreateProductAsync(3.50m);
        var userId = OrdersDriver.NewUserId();
        var otherUserId = OrdersDriver.NewUserId();
        var key = Guid.NewGuid().ToString();

        var mine = await PlaceAsync(userId, product.Id, key);
        var theirs = await PlaceAsync(otherUserId, product.Id, key);
        var unkeyed = await PlaceAsync(userId, product.Id, idempotencyKey: null);
        var unkeyedAgain = await PlaceAsync(userId, product.Id, idempotencyKey: null);

        Assert.Equal(4, new[] { mine.Id, theirs.Id, unkeyed.Id, unkeyedAgain.Id }.Distinct().Count());
        Assert.Equal(3, await CountOrdersAsync(userId));
    }

    [Fact]
    public async Task Concurrent_creates_with_the_same_key_place_one_order()
    {
        var product = await orders.CreateProductAsync(7.25m);
        var userId = OrdersDriver.NewUserId();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(product.Id, 1) } }, key)));

        try
        {
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
            var placed = await Task.WhenAll(responses.Select(OrdersDriver.ReadOrderAsync));
            Assert.Single(placed.Select(order => order.Id).Distinct());
            Assert.Equal(1, await CountOrdersAsync(userId));
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
    public async Task A_key_over_200_characters_is_a_400()
    {
        var product = await orders.CreateProductAsync(1.00m);

        using var response = await orders.PostOrderAsync(
            new { userId = OrdersDriver.NewUserId(), items = new[] { OrdersDriver.Line(product.Id, 1) } },
            new string('k', 201));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("idempotencyKey", out _));
    }

    private async Task<OrderView> PlaceAsync(string userId, string productId, string? idempotencyKey)
    {
        using var response = await orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(productId, 1) } }, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await OrdersDriver.ReadOrderAsync(response);
    }

    private async Task<long> CountOrdersAsync(string userId) =>
        (await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}"))!.TotalCount;

    public void Dispose() => orders.Dispose();
}
