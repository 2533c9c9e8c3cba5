using System.Net;
using System.Net.Http.Json;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Orders;

// GET /orders/{id} joins the order with today's product names from the catalog, and degrades without them.
[Collection(DistributedAppCollection.Name)]
public sealed class AggregatedReadTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task An_order_reads_with_each_products_name_and_captured_unit_price()
    {
        var tea = await orders.CreateProductAsync(4.20m);
        var pot = await orders.CreateProductAsync(31.00m);
        var order = await orders.PlaceOrderAsync(OrdersDriver.NewUserId(), OrdersDriver.Line(tea.Id, 2), OrdersDriver.Line(pot.Id, 1));

        using var response = await orders.GetOrderAsync(order.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await OrdersDriver.ReadOrderAsync(response);
        Assert.Equal(
            new (string, string?, int, decimal)[] { (tea.Id, tea.Name, 2, tea.Price), (pot.Id, pot.Name, 1, pot.Price) },
            read.Items.Select(item => (item.ProductId, item.ProductName, item.Quantity, item.UnitPrice)));
    }

    [Fact]
    public async Task With_the_catalog_stopped_an_order_reads_without_product_names_and_only_known_products_can_be_ordered()
    {
        var product = await orders.CreateProductAsync(12.34m);
        var neverOrdered = await orders.CreateProductAsync(5.00m);
        var userId = OrdersDriver.NewUserId();
        var placed = await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 3));

        // With its reservation outcome in, nothing changes the order while the catalog is down.
        var order = await orders.WaitForOutcomeAsync(placed.Id);
        await fixture.StopResourceAsync("products");
        OrderView waiting;
        try
        {
            using var read = await orders.GetOrderAsync(order.Id);
            using var placing = await orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(neverOrdered.Id, 1) } });
            // Orders' catalog copy still prices a product it has seen; the order waits for Products to reserve it.
            waiting = await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 1));

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var withoutNames = await OrdersDriver.ReadOrderAsync(read);
            var item = Assert.Single(withoutNames.Items);
            Assert.Null(item.ProductName);
            Assert.Equal((product.Id, 3, product.Price), (item.ProductId, item.Quantity, item.UnitPrice));
            Assert.Equal(order.Total, withoutNames.Total);
            Assert.Equal(order.Status, withoutNames.Status);
            await ProblemAssert.IsProblemAsync(placing, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(("PENDING", product.Price), (waiting.Status, Assert.Single(waiting.Items).UnitPrice));
            Assert.Equal(product.Name, waiting.Items[0].ProductName);
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }

        Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(waiting.Id)).Status);
        var page = await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}");
        Assert.Equal([waiting.Id, order.Id], page!.Items.Select(item => item.Id));
    }

    public void Dispose() => orders.Dispose();
}
