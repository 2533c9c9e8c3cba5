using System.Globalization;
using System.Net;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Orders;

// Admission control: while the saga cannot settle orders (here, Products is stopped), new orders pile up as PENDING only
// up to the bound; each one after that is refused at once with 503, Retry-After and problem+json, and none is lost.
[Collection(DistributedAppCollection.Name)]
public sealed class OrderAdmissionTests(DistributedAppFixture fixture) : IDisposable
{
    // Orders:Admission:MaxPendingOrders, which the test application leaves at its default.
    private const int MaxPendingOrders = 200;

    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task Orders_beyond_the_pending_bound_are_refused_with_503_and_Retry_After_and_every_accepted_one_is_reserved()
    {
        var product = await orders.CreateProductAsync(3.00m);
        var userId = OrdersDriver.NewUserId();
        var line = new { userId, items = new[] { OrdersDriver.Line(product.Id, 1) } };
        await orders.WaitForOutcomeAsync((await orders.PlaceOrderAsync(userId, OrdersDriver.Line(product.Id, 1))).Id);

        var accepted = new List<string>();
        HttpResponseMessage? refusal = null;
        await fixture.StopResourceAsync("products");
        try
        {
            // Pending orders of other tests count too, so the bound may be reached before this test places that many.
            for (var attempt = 0; attempt <= MaxPendingOrders && refusal is null; attempt++)
            {
                var response = await orders.PostOrderAsync(line);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    accepted.Add((await OrdersDriver.ReadOrderAsync(response)).Id);
                    response.Dispose();
                }
                else
                {
                    refusal = response;
                }
            }

            Assert.NotNull(refusal);
            var problem = await ProblemAssert.IsProblemAsync(refusal, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("faster than they can be reserved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), refusal.Headers.RetryAfter?.Delta);
            Assert.InRange(accepted.Count, 0, MaxPendingOrders);
        }
        finally
        {
            refusal?.Dispose();
            await fixture.StartResourceAsync("products");
        }

        foreach (var orderId in accepted)
        {
            Assert.Equal("PRODUCT_RESERVED", (await orders.WaitForOutcomeAsync(orderId)).Status);
        }

        using var admittedAgain = await Poll.UntilAsync(
            () => orders.PostOrderAsync(line),
            response => response.StatusCode == HttpStatusCode.Created,
            "a new order to be admitted once the backlog is settled");
    }

    // The Gateway refuses the excess itself once the headroom Orders reports with each order it takes is spent.
    [Fact]
    public async Task CreateOrder_tells_its_caller_how_many_more_orders_Orders_would_take_counting_the_one_just_placed()
    {
        var product = await orders.CreateProductAsync(3.00m);
        using var channel = fixture.CreateGrpcChannel("orders");
        var ordering = new Ordering.OrderingClient(channel);
        var request = new CreateOrderRequest { UserId = OrdersDriver.NewUserId(), IdempotencyKey = Guid.NewGuid().ToString() };
        request.Items.Add(new CreateOrderItem { ProductId = product.Id, Quantity = 1 });

        using var call = ordering.CreateOrderAsync(request);
        var created = await call.ResponseAsync;
        var headroom = call.GetTrailers().GetValue(OrderRefusals.HeadroomTrailer);

        Assert.Equal(OrderStatus.Pending, created.Status);
        Assert.NotNull(headroom);
        Assert.InRange(long.Parse(headroom, CultureInfo.InvariantCulture), long.MinValue, MaxPendingOrders - 1);
    }

    public void Dispose() => orders.Dispose();
}
