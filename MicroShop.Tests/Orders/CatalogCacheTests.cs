using System.Net;
using System.Net.Http.Json;
using MicroShop.Orders.Catalog;
using MicroShop.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MicroShop.Tests.Orders;

// Orders prices new orders from its copy of the catalog. A product change reaches it as a message, so an order placed
// in the moment before may still see the old product: it must then fail at reservation, never sell at the old terms.
[Collection(DistributedAppCollection.Name)]
public sealed class CatalogCacheTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task A_new_price_reaches_the_next_orders_and_no_order_is_reserved_at_the_old_price()
    {
        var product = await orders.CreateProductAsync(10.00m);
        var userId = OrdersDriver.NewUserId();
        await orders.WaitForOutcomeAsync((await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 1))).Id);

        await ChangeProductAsync(product, price: 12.50m, isActive: true);
        var placed = new List<OrderView>();
        await Poll.UntilAsync(
            async () =>
            {
                var order = await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 1));
                placed.Add(order);
                return order;
            },
            order => order.Items[0].UnitPrice == 12.50m,
            "an order priced at the new price");

        var outcomes = await Task.WhenAll(placed.Select(order => orders.WaitForOutcomeAsync(order.Id)));
        Assert.All(outcomes.Where(order => order.Items[0].UnitPrice == 12.50m), order => Assert.Equal("PRODUCT_RESERVED", order.Status));
        Assert.All(outcomes.Where(order => order.Items[0].UnitPrice != 12.50m), order =>
        {
            Assert.Equal("FAILED", order.Status);
            Assert.Equal($"the price of '{product.Name}' changed from 10.00 to 12.50 after the order was placed", order.FailureReason);
        });
    }

    [Fact]
    public async Task A_product_taken_off_sale_is_refused_on_the_next_orders_and_none_is_reserved()
    {
        var product = await orders.CreateProductAsync(7.00m);
        var userId = OrdersDriver.NewUserId();
        await orders.WaitForOutcomeAsync((await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 1))).Id);

        await ChangeProductAsync(product, price: product.Price, isActive: false);
        var placed = new List<OrderView>();
        using var refused = await Poll.UntilAsync(
            async () =>
            {
                var response = await orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(product.Id, 1) } });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    placed.Add(await OrdersDriver.ReadOrderAsync(response));
                }

                return response;
            },
            response => response.StatusCode != HttpStatusCode.Created,
            "an order for the inactive product to be refused");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        var outcomes = await Task.WhenAll(placed.Select(order => orders.WaitForOutcomeAsync(order.Id)));
        Assert.All(outcomes, order => Assert.Equal("FAILED", order.Status));
    }

    [Fact]
    public async Task Orders_that_miss_a_product_already_being_looked_up_wait_for_that_lookup_instead_of_asking_again()
    {
        var first = await orders.CreateProductAsync(3.00m);
        var second = await orders.CreateProductAsync(4.00m);
        using var catalog = new HeldCatalogLookups(fixture.CreateGrpcChannel("products"));
        using var cache = new CatalogCache(catalog, NullLogger<CatalogCache>.Instance);

        var burst = Enumerable.Range(0, 50).Select(_ => cache.GetAsync([first.Id], CancellationToken.None)).ToList();
        var both = cache.GetAsync([first.Id, second.Id], CancellationToken.None);
        catalog.Release();
        var found = await Task.WhenAll([.. burst, both]);

        Assert.Equal([[first.Id], [second.Id]], catalog.Lookups);
        Assert.All(found[..^1], products => Assert.Equal(first.Name, Assert.Single(products).Value.Name));
        Assert.Equal([first.Name, second.Name], [found[^1][first.Id].Name, found[^1][second.Id].Name]);
    }

    [Fact]
    public async Task An_order_after_a_product_change_asks_the_catalog_afresh_rather_than_wait_for_a_lookup_begun_before_it()
    {
        var product = await orders.CreateProductAsync(5.00m);
        using var catalog = new HeldCatalogLookups(fixture.CreateGrpcChannel("products"));
        using var cache = new CatalogCache(catalog, NullLogger<CatalogCache>.Instance);

        var before = cache.GetAsync([product.Id], CancellationToken.None);
        cache.Invalidate(product.Id);
        var after = cache.GetAsync([product.Id], CancellationToken.None);
        catalog.Release();
        await Task.WhenAll(before, after);

        Assert.Equal([[product.Id], [product.Id]], catalog.Lookups);
        Assert.Equal(product.Name, (await after)[product.Id].Name);
    }

    private async Task ChangeProductAsync(CatalogProduct product, decimal price, bool isActive)
    {
        using var response = await orders.Gateway.PutAsJsonAsync($"/products/{product.Id}", new
        {
            name = product.Name,
            description = "Created by the order tests.",
            price,
            quantity = 1_000,
            category = "order-tests",
            isActive,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => orders.Dispose();
}
