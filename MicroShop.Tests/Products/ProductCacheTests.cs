using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grpc.Net.Client;
using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;
using static MicroShop.Tests.Products.CatalogRequests;

namespace MicroShop.Tests.Products;

// GET /products/{id} is served from the Gateway's product cache (its memory, then Redis, then Products). Each test puts
// a product in it by reading it through the Gateway, changes the product, and reads it again.
[Collection(DistributedAppCollection.Name)]
public sealed class ProductCacheTests(DistributedAppFixture fixture) : IDisposable
{
    // A change made behind the Gateway reaches it as a broker message, so the tests wait for it; well below the cache's
    // one-minute entry lifetime, so what shows in time was announced, not expired.
    private static readonly TimeSpan AnnouncementDeadline = TimeSpan.FromSeconds(15);

    private readonly OrdersDriver orders = new(fixture);
    private readonly GrpcChannel productsChannel = fixture.CreateGrpcChannel("products");

    [Fact]
    public async Task A_GET_with_the_current_ETag_in_If_None_Match_is_304_and_after_a_change_200_with_the_new_ETag()
    {
        var product = await orders.CreateProductAsync(5.00m);
        using var first = await orders.Gateway.GetAsync($"/products/{product.Id}");
        var etag = first.Headers.ETag!;

        using var notModified = await GetIfNoneMatchAsync(product.Id, etag);
        using var adjusted = await orders.Gateway.PostAsJsonAsync($"/products/{product.Id}/stock", new { delta = 1 });
        using var changed = await GetIfNoneMatchAsync(product.Id, etag);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(adjusted.Headers.ETag, changed.Headers.ETag);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(1_001, (await ReadJsonAsync(changed)).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task A_product_replaced_behind_the_Gateway_is_read_anew_once_Products_announces_the_change()
    {
        var product = await orders.CreateProductAsync(5.00m);
        Assert.Equal(product.Name, (await ReadAsync(product.Id)).GetProperty("name").GetString());

        await ReplaceOverGrpcAsync(product.Id, "Replaced behind the Gateway");

        await Poll.UntilAsync(
            async () => (await ReadAsync(product.Id)).GetProperty("name").GetString(),
            name => name == "Replaced behind the Gateway",
            "the Gateway to read the replaced product",
            AnnouncementDeadline);
    }

    [Fact]
    public async Task A_GET_with_Cache_Control_no_cache_reads_a_change_made_behind_the_Gateway_at_once()
    {
        var product = await orders.CreateProductAsync(5.00m);
        Assert.Equal(product.Name, (await ReadAsync(product.Id)).GetProperty("name").GetString());

        await ReplaceOverGrpcAsync(product.Id, "Read past the cache");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/products/{product.Id}");
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var read = await orders.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Read past the cache", (await ReadJsonAsync(read)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_product_read_before_an_order_shows_the_stock_the_order_took_once_it_is_reserved()
    {
        var product = await orders.CreateProductAsync(5.00m);
        Assert.Equal(1_000, (await ReadAsync(product.Id)).GetProperty("quantity").GetInt32());

        var order = await orders.PlaceOrderAsync(OrdersDriver.NewUserId(), OrdersDriver.Line(product.Id, 3));
        Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(order.Id)).Status);

        await ReadWithQuantityAsync(product.Id, 997);
    }

    [Fact]
    public async Task A_product_read_before_is_still_served_and_named_on_orders_while_Products_is_stopped()
    {
        // Read before the order: the Gateway shows the order's stock only once it has heard the announcement, which
        // would otherwise drop the copy under test after the read below.
        var product = await orders.CreateProductAsync(5.00m);
        Assert.Equal(1_000, (await ReadAsync(product.Id)).GetProperty("quantity").GetInt32());
        var placed = await orders.PlaceOrderAsync(OrdersDriver.NewUserId(), OrdersDriver.Line(product.Id, 1));
        var order = await orders.WaitForOutcomeAsync(placed.Id);
        var before = await ReadWithQuantityAsync(product.Id, 999);

        await fixture.StopResourceAsync("products");
        try
        {
            using var read = await orders.Gateway.GetAsync($"/products/{product.Id}");
            using var orderRead = await orders.GetOrderAsync(order.Id);

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(before.GetRawText(), (await ReadJsonAsync(read)).GetRawText());
            Assert.Equal(product.Name, Assert.Single((await OrdersDriver.ReadOrderAsync(orderRead)).Items).ProductName);
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }
    }

    [Fact]
    public async Task With_Redis_stopped_products_are_read_from_Products_and_a_change_shows_on_the_next_read()
    {
        var product = await orders.CreateProductAsync(5.00m);

        await fixture.StopResourceAsync("cache");
        try
        {
            using var read = await orders.Gateway.GetAsync($"/products/{product.Id}");
            using var adjusted = await orders.Gateway.PostAsJsonAsync($"/products/{product.Id}/stock", new { delta = -1 });
            using var reread = await orders.Gateway.GetAsync($"/products/{product.Id}");

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(1_000, (await ReadJsonAsync(read)).GetProperty("quantity").GetInt32());
            Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
            Assert.Equal(HttpStatusCode.OK, reread.StatusCode);
            Assert.Equal(999, (await ReadJsonAsync(reread)).GetProperty("quantity").GetInt32());
        }
        finally
        {
            await fixture.StartResourceAsync("cache");
        }
    }

    public void Dispose()
    {
        orders.Dispose();
        productsChannel.Dispose();
    }

    private async Task<System.Text.Json.JsonElement> ReadAsync(string productId)
    {
        using var response = await orders.Gateway.GetAsync($"/products/{productId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    // Products announces stock changes gathered over a short window: the Gateway reads the new quantity once it hears.
    private Task<System.Text.Json.JsonElement> ReadWithQuantityAsync(string productId, int quantity) =>
        Poll.UntilAsync(
            () => ReadAsync(productId),
            product => product.GetProperty("quantity").GetInt32() == quantity,
            $"the Gateway to read the product with {quantity} left",
            AnnouncementDeadline);

    private Task<HttpResponseMessage> GetIfNoneMatchAsync(string productId, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/products/{productId}");
        request.Headers.IfNoneMatch.Add(etag);
        return orders.Gateway.SendAsync(request);
    }

    // Straight to Products, so the Gateway learns of the change only from Products' announcement.
    private async Task ReplaceOverGrpcAsync(string productId, string name)
    {
        var catalog = new ProductCatalog.ProductCatalogClient(productsChannel);
        await catalog.UpdateProductAsync(new UpdateProductRequest
        {
            Id = productId,
            Name = name,
            Description = "Replaced by the cache tests.",
            Price = DecimalValue.FromDecimal(5.00m),
            Quantity = 1_000,
            Category = "order-tests",
            IsActive = true,
        });
    }
}
