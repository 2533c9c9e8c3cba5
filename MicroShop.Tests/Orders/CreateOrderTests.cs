using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Orders;

[Collection(DistributedAppCollection.Name)]
public sealed class CreateOrderTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task An_order_is_created_pending_with_captured_prices_and_an_exact_total_and_reads_back_the_same()
    {
        // Binary floating point gets 0.10 × 3 and 19.99 × 7 wrong; decimals do not.
        var dime = await orders.CreateProductAsync(0.10m);
        var book = await orders.CreateProductAsync(19.99m);
        var userId = OrdersDriver.NewUserId();
        var expectedTotal = (dime.Price * 3) + (book.Price * 7);

        using var response = await orders.PostOrderAsync(new
        {
            userId,
            items = new[] { OrdersDriver.Line(dime.Id, 3), OrdersDriver.Line(book.Id, 7) },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await OrdersDriver.ReadOrderAsync(response);
        Assert.Equal($"/orders/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(userId, created.UserId);
        Assert.Equal("PENDING", created.Status);
        Assert.Null(created.FailureReason);
        Assert.Equal(expectedTotal, created.Total);
        Assert.Equal(140.23m, expectedTotal);
        Assert.Equal(
            new[] { (dime.Id, 3, dime.Price), (book.Id, 7, book.Price) },
            created.Items.Select(item => (item.ProductId, item.Quantity, item.UnitPrice)));
        Assert.Equal(TimeSpan.Zero, created.CreatedAt.Offset);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        Assert.InRange(created.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        using var read = await orders.GetOrderAsync(created.Id);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var stored = await OrdersDriver.ReadOrderAsync(read);
        OrdersDriver.AssertSameOrder(created, stored);
        Assert.Equal(created.Items, stored.Items);
    }

    [Fact]
    public async Task Status_and_money_are_written_as_names_and_plain_decimals_in_JSON()
    {
        // An order the saga never hears of, so it is still PENDING when read.
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId(), quantity: 2, unitPrice: 19.99m);

        using var document = JsonDocument.Parse(await orders.Gateway.GetStringAsync($"/orders/{orderId}"));

        Assert.Equal("PENDING", document.RootElement.GetProperty("status").GetString());
        Assert.Equal("39.98", document.RootElement.GetProperty("total").GetRawText());
        Assert.Equal("19.99", document.RootElement.GetProperty("items")[0].GetProperty("unitPrice").GetRawText());
    }

    [Theory]
    [InlineData("blank user", "userId")]
    [InlineData("user with NUL", "userId")]
    [InlineData("user of 129 characters", "userId")]
    [InlineData("no items", "items")]
    [InlineData("101 items", "items")]
    [InlineData("quantity 0", "items[0].quantity")]
    [InlineData("quantity 10001", "items[0].quantity")]
    [InlineData("malformed product id", "items[1].productId")]
    [InlineData("same product twice", "items[1].productId")]
    public async Task An_invalid_order_is_a_400_naming_the_field(string invalidity, string field)
    {
        var product = await orders.CreateProductAsync(1.00m);
        var other = await orders.CreateProductAsync(2.00m);
        var userId = OrdersDriver.NewUserId();
        object body = invalidity switch
        {
            "blank user" => new { userId = "  ", items = new[] { OrdersDriver.Line(product.Id, 1) } },
            "user with NUL" => new { userId = $"{userId}\0", items = new[] { OrdersDriver.Line(product.Id, 1) } },
            "user of 129 characters" => new { userId = new string('u', 129), items = new[] { OrdersDriver.Line(product.Id, 1) } },
            "no items" => new { userId, items = Array.Empty<object>() },
            "101 items" => new { userId, items = Enumerable.Range(0, 101).Select(index => OrdersDriver.Line($"{index:x24}", 1)).ToArray() },
            "quantity 0" => new { userId, items = new[] { OrdersDriver.Line(product.Id, 0) } },
            "quantity 10001" => new { userId, items = new[] { OrdersDriver.Line(product.Id, 10_001) } },
            "malformed product id" => new { userId, items = new[] { OrdersDriver.Line(product.Id, 1), OrdersDriver.Line("not-an-object-id", 1) } },
            "same product twice" => new { userId, items = new[] { OrdersDriver.Line(product.Id, 1), OrdersDriver.Line(product.Id, 2), OrdersDriver.Line(other.Id, 1) } },
            _ => throw new ArgumentOutOfRangeException(nameof(invalidity)),
        };

        using var response = await orders.PostOrderAsync(body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        await AssertNoOrdersAsync(userId);
    }

    [Fact]
    public async Task A_body_far_larger_than_any_order_is_413()
    {
        using var response = await orders.PostOrderAsync(new
        {
            userId = new string('u', 1_000_000),
            items = new[] { OrdersDriver.Line($"{0:x24}", 1) },
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Quantities_of_1_and_10000_and_100_lines_are_accepted()
    {
        var products = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => orders.CreateProductAsync(0.01m)));
        var lines = products.Select((product, index) => OrdersDriver.Line(product.Id, index == 0 ? 10_000 : 1)).ToArray();

        var order = await orders.PlaceOrderAsync(OrdersDriver.NewUserId(), lines);

        Assert.Equal(100, order.Items.Count);
        Assert.Equal((10_000 + 99) * 0.01m, order.Total);
    }

    [Fact]
    public async Task An_unknown_product_is_a_400_naming_its_line()
    {
        var product = await orders.CreateProductAsync(5.00m);
        var unknownId = $"{Random.Shared.NextInt64():x16}ffffffff";
        var userId = OrdersDriver.NewUserId();

        using var response = await orders.PostOrderAsync(new
        {
            userId,
            items = new[] { OrdersDriver.Line(product.Id, 1), OrdersDriver.Line(unknownId, 1) },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains(unknownId, errors.GetProperty("items[1].productId")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("items[0].productId", out _));
        await AssertNoOrdersAsync(userId);
    }

    [Fact]
    public async Task An_inactive_product_is_a_400_naming_its_line()
    {
        var inactive = await orders.CreateProductAsync(5.00m, isActive: false);
        var active = await orders.CreateProductAsync(6.00m);
        var userId = OrdersDriver.NewUserId();

        using var response = await orders.PostOrderAsync(new
        {
            userId,
            items = new[] { OrdersDriver.Line(inactive.Id, 1), OrdersDriver.Line(active.Id, 1) },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains(inactive.Id, errors.GetProperty("items[0].productId")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("items[1].productId", out _));
        await AssertNoOrdersAsync(userId);
    }

    [Theory]
    [InlineData("{\"userId\": \"u\", \"items\": [{\"productId\": \"p\", \"quantity\": \"many\"}]}")]
    [InlineData("{\"userId\": \"u\", \"items\": ")]
    [InlineData("")]
    public async Task An_unreadable_body_is_a_400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await orders.Gateway.PostAsync("/orders", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task AssertNoOrdersAsync(string userId)
    {
        var page = await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}");
        Assert.Equal(0, page?.TotalCount);
    }

    public void Dispose() => orders.Dispose();
}
