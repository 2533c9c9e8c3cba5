using System.Net;
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
    public async Task With_the_catalog_stopped_an_order_still_reads_without_product_names()
    {
        var product = await orders.CreateProductAsync(12.34m);
        var order = await orders.PlaceOrderAsync(OrdersDriver.NewUserId(), OrdersDriver.Line(product.Id, 3));

        await fixture.StopResourceAsync("products");
        try
        {
            using var response = await orders.GetOrderAsync(order.Id);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var read = await OrdersDriver.ReadOrderAsync(response);
            var item = Assert.Single(read.Items);
            Assert.Null(item.ProductName);
            Assert.Equal((product.Id, 3, product.Price), (item.ProductId, item.Quantity, item.UnitPrice));
            Assert.Equal(order.Total, read.Total);
            Assert.Equal(order.Status, read.Status);
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }
    }

    [Fact]
    public async Task With_the_catalog_stopped_an_order_cannot_be_placed_and_says_so_with_a_503()
    {
        var product = await orders.CreateProductAsync(1.00m);
        var userId = OrdersDriver.NewUserId();

        await fixture.StopResourceAsync("products");
        try
        {
            using var response = await orders.PostOrderAsync(new { userId, items = new[] { OrdersDriver.Line(product.Id, 1) } });

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }

        using var list = await orders.Gateway.GetAsync($"/orders?userId={userId}");
        Assert.Contains("\"totalCount\":0", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => orders.Dispose();
}
