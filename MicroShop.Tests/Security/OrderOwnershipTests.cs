using System.Net;
using System.Net.Http.Json;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.Security;

// A customer's orders are theirs alone: the user is the token's subject, and someone else's order looks exactly like
// one that does not exist. Staff see and act on every user's orders.
[Collection(DistributedAppCollection.Name)]
public sealed class OrderOwnershipTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task An_order_belongs_to_the_token_user_whether_or_not_the_body_names_them()
    {
        var product = await orders.CreateProductAsync(3.00m);
        var user = OrdersDriver.NewUserId();
        using var customer = fixture.CreateGatewayClient(user);

        using var unnamed = await customer.PostAsJsonAsync("/orders", new { items = new[] { OrdersDriver.Line(product.Id, 1) } });
        using var named = await customer.PostAsJsonAsync("/orders", new { userId = user, items = new[] { OrdersDriver.Line(product.Id, 1) } });

        Assert.Equal(HttpStatusCode.Created, unnamed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        Assert.Equal(user, (await OrdersDriver.ReadOrderAsync(unnamed)).UserId);
        Assert.Equal(user, (await OrdersDriver.ReadOrderAsync(named)).UserId);
    }

    [Fact]
    public async Task A_customer_ordering_for_someone_else_is_a_403_and_nothing_is_placed()
    {
        var product = await orders.CreateProductAsync(3.00m);
        var victim = OrdersDriver.NewUserId();
        using var customer = fixture.CreateGatewayClient(OrdersDriver.NewUserId());

        using var response = await customer.PostAsJsonAsync("/orders", new { userId = victim, items = new[] { OrdersDriver.Line(product.Id, 1) } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        var victimsOrders = await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={victim}");
        Assert.Equal(0, victimsOrders!.TotalCount);
    }

    [Fact]
    public async Task A_customer_lists_only_their_own_orders_and_may_not_name_another_user()
    {
        var user = OrdersDriver.NewUserId();
        var other = OrdersDriver.NewUserId();
        var own = await orders.PlaceOrderAsync(user);
        await orders.PlaceOrderAsync(other);
        using var customer = fixture.CreateGatewayClient(user);

        var listed = await customer.GetFromJsonAsync<OrderPageView>("/orders");
        var named = await customer.GetFromJsonAsync<OrderPageView>($"/orders?userId={user}");
        using var someoneElses = await customer.GetAsync($"/orders?userId={other}");

        Assert.Equal([own.Id], listed!.Items.Select(order => order.Id));
        Assert.Equal([own.Id], named!.Items.Select(order => order.Id));
        await ProblemAssert.IsProblemAsync(someoneElses, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Someone_elses_order_is_a_404_indistinguishable_from_an_order_that_does_not_exist()
    {
        var order = await orders.PlaceOrderAsync(OrdersDriver.NewUserId());
        var missing = Guid.CreateVersion7().ToString();
        using var stranger = fixture.CreateGatewayClient(OrdersDriver.NewUserId());

        using var read = await stranger.GetAsync($"/orders/{order.Id}");
        using var readMissing = await stranger.GetAsync($"/orders/{missing}");

        var problem = await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        var missingProblem = await ProblemAssert.IsProblemAsync(readMissing, HttpStatusCode.NotFound);
        Assert.Equal(
            missingProblem.GetProperty("detail").GetString()!.Replace(missing, "{id}", StringComparison.Ordinal),
            problem.GetProperty("detail").GetString()!.Replace(order.Id, "{id}", StringComparison.Ordinal));
        Assert.Equal(missingProblem.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Cancelling_someone_elses_order_is_a_404_and_leaves_it_unchanged()
    {
        var order = await orders.PlaceOrderInStatusAsync("PENDING");
        using var stranger = fixture.CreateGatewayClient(OrdersDriver.NewUserId());

        using var response = await stranger.PostAsync($"/orders/{order.Id}/cancel", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        using var read = await orders.GetOrderAsync(order.Id);
        Assert.Equal("PENDING", (await OrdersDriver.ReadOrderAsync(read)).Status);
    }

    [Fact]
    public async Task Someone_elses_order_timeline_is_a_404_and_the_owners_is_served()
    {
        var owner = OrdersDriver.NewUserId();
        var order = await orders.PlaceOrderAsync(owner);
        using var stranger = fixture.CreateGatewayClient(OrdersDriver.NewUserId());
        using var customer = fixture.CreateGatewayClient(owner);

        using var strangers = await stranger.GetAsync($"/orders/{order.Id}/timeline");
        using var owners = await customer.GetAsync($"/orders/{order.Id}/timeline");

        await ProblemAssert.IsProblemAsync(strangers, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, owners.StatusCode);
    }

    [Fact]
    public async Task A_customer_reads_and_cancels_their_own_order()
    {
        var user = OrdersDriver.NewUserId();
        var orderId = await orders.InsertPendingOrderAsync(user);
        using var customer = fixture.CreateGatewayClient(user);

        using var read = await customer.GetAsync($"/orders/{orderId}");
        using var cancelled = await customer.PostAsync($"/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("CANCELLED", (await OrdersDriver.ReadOrderAsync(cancelled)).Status);
    }

    [Fact]
    public async Task Staff_read_list_and_cancel_any_users_orders()
    {
        var user = OrdersDriver.NewUserId();
        var orderId = await orders.InsertPendingOrderAsync(user);
        using var staff = fixture.CreateAdminGatewayClient();

        using var read = await staff.GetAsync($"/orders/{orderId}");
        var listed = await staff.GetFromJsonAsync<OrderPageView>($"/orders?userId={user}");
        using var cancelled = await staff.PostAsync($"/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal([orderId], listed!.Items.Select(order => order.Id));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    public void Dispose() => orders.Dispose();
}
