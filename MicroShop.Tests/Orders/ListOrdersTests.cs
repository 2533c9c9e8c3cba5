using System.Net;
using System.Net.Http.Json;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Orders;

[Collection(DistributedAppCollection.Name)]
public sealed class ListOrdersTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task Orders_of_a_user_are_paged_newest_first()
    {
        var userId = OrdersDriver.NewUserId();
        var placed = new List<OrderView>();
        for (var index = 0; index < 5; index++)
        {
            placed.Add(await orders.PlaceOrderAsync(userId));
        }

        var pages = new List<OrderPageView>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add((await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}&page={page}&pageSize=2"))!);
        }

        Assert.All(pages, page => Assert.Equal(5, page.TotalCount));
        Assert.All(pages, page => Assert.Equal(2, page.PageSize));
        Assert.Equal([1, 2, 3], pages.Select(page => page.Page));
        Assert.Equal([2, 2, 1], pages.Select(page => page.Items.Count));
        Assert.Equal(
            placed.Select(order => order.Id).Reverse(),
            pages.SelectMany(page => page.Items).Select(order => order.Id));
        Assert.All(pages.SelectMany(page => page.Items), order => Assert.Equal(userId, order.UserId));
    }

    [Fact]
    public async Task Without_paging_parameters_the_first_page_of_20_is_returned()
    {
        var userId = OrdersDriver.NewUserId();
        var order = await orders.PlaceOrderAsync(userId);

        var page = (await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}"))!;

        Assert.Equal(1, page.Page);
        Assert.Equal(20, page.PageSize);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(order.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty()
    {
        var userId = OrdersDriver.NewUserId();
        await orders.PlaceOrderAsync(userId);

        var page = (await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}&page=2&pageSize=1"))!;

        Assert.Empty(page.Items);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Orders_are_filtered_by_status_and_user()
    {
        // Orders the saga never hears of stay PENDING until cancelled; the reserved one is set once its outcome is in.
        var userId = OrdersDriver.NewUserId();
        var pendingId = await orders.InsertPendingOrderAsync(userId);
        var cancelledId = await orders.InsertPendingOrderAsync(userId);
        var reserved = await orders.PlaceOrderAsync(userId);
        var someoneElsesId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());
        (await orders.TransitionAsync(cancelledId, "cancel")).Dispose();
        (await orders.TransitionAsync(someoneElsesId, "cancel")).Dispose();
        await orders.WaitForOutcomeAsync(reserved.Id);
        await orders.SetStatusAsync(reserved.Id, "PRODUCT_RESERVED");

        var cancelledOfUser = (await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}&status=CANCELLED"))!;
        var reservedOfUser = (await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}&status=product_reserved"))!;
        var pendingOfUser = (await orders.Gateway.GetFromJsonAsync<OrderPageView>($"/orders?userId={userId}&status=PENDING"))!;
        var cancelledOfAnyone = (await orders.Gateway.GetFromJsonAsync<OrderPageView>("/orders?status=CANCELLED&pageSize=100"))!;

        Assert.Equal(cancelledId, Assert.Single(cancelledOfUser.Items).Id);
        Assert.Equal(reserved.Id, Assert.Single(reservedOfUser.Items).Id);
        Assert.Equal(pendingId, Assert.Single(pendingOfUser.Items).Id);
        Assert.All(cancelledOfAnyone.Items, order => Assert.Equal("CANCELLED", order.Status));
        Assert.True(cancelledOfAnyone.TotalCount >= 2);
        Assert.Contains(cancelledOfAnyone.Items, order => order.Id == someoneElsesId);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("page=99999999&pageSize=100", "page")]
    [InlineData("status=SHIPPED", "status")]
    [InlineData("userId=a%00b", "userId")]
    public async Task Bad_paging_or_an_unknown_status_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await orders.Gateway.GetAsync($"/orders?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("pageSize=1.5")]
    public async Task A_paging_parameter_that_is_not_a_number_is_a_400(string query)
    {
        using var response = await orders.Gateway.GetAsync($"/orders?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    public void Dispose() => orders.Dispose();
}
