using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Health.V1;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.Faults;

// While a service is away, the routes that need it are refused at once (503 problem+json with Retry-After), the
// routes that do not keep working, and the Gateway's /health names the service. How fast the refusals are under load
// is the fault run's to measure (bench --faults), not a test's.
[Collection(DistributedAppCollection.Name)]
public sealed class FailFastTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task While_Orders_is_stopped_order_routes_are_refused_with_Retry_After_the_catalog_still_reads_and_health_names_orders()
    {
        var product = await orders.CreateProductAsync(3.50m);
        var order = await orders.PlaceOrderAsync(OrdersDriver.NewUserId(), OrdersDriver.Line(product.Id, 1));
        await fixture.StopResourceAsync("orders");
        try
        {
            var health = await WaitForGatewayToSeeAwayAsync("orders");
            using var placing = await orders.PostOrderAsync(new { userId = OrdersDriver.NewUserId(), items = new[] { OrdersDriver.Line(product.Id, 1) } });
            using var reading = await orders.GetOrderAsync(order.Id);
            using var catalog = await orders.Gateway.GetAsync($"/products/{product.Id}");

            Assert.Equal("Degraded", health.Status);
            Assert.StartsWith("orders is unavailable", health.Checks["orders"].Description, StringComparison.Ordinal);
            Assert.Equal("Healthy", health.Checks["products"].Status);
            await AssertRefusedAsync(placing);
            await AssertRefusedAsync(reading);
            Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        }
        finally
        {
            await fixture.StartResourceAsync("orders");
        }

        using var afterwards = await orders.GetOrderAsync(order.Id);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task While_Products_is_stopped_catalog_routes_are_refused_with_Retry_After_and_health_names_products()
    {
        var product = await orders.CreateProductAsync(4.25m);
        await fixture.StopResourceAsync("products");
        try
        {
            var health = await WaitForGatewayToSeeAwayAsync("products");
            using var list = await orders.Gateway.GetAsync("/products");
            using var read = await orders.Gateway.GetAsync($"/products/{product.Id}");
            using var create = await orders.Gateway.PostAsJsonAsync(
                "/products", new { name = "Lamp", description = "Brass", category = "home", price = 9.5m, quantity = 1, isActive = true });

            Assert.StartsWith("products is unavailable", health.Checks["products"].Description, StringComparison.Ordinal);
            Assert.Equal("Healthy", health.Checks["orders"].Status);
            await AssertRefusedAsync(list);
            await AssertRefusedAsync(read);
            await AssertRefusedAsync(create);
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }

        using var afterwards = await orders.Gateway.GetAsync($"/products/{product.Id}");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task A_stopping_Orders_reports_NOT_SERVING_while_it_still_answers_so_callers_move_off_before_it_closes()
    {
        using var channel = fixture.CreateGrpcChannel("orders");
        var health = new Health.HealthClient(channel);
        var serving = new HealthCheckRequest { Service = "serving" };
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(serving)).Status);

        var stopping = fixture.StopResourceAsync("orders");
        try
        {
            Assert.Equal(nameof(HealthCheckResponse.Types.ServingStatus.NotServing), await StatusBeforeGoneAsync(health, serving, stopping));
        }
        finally
        {
            await stopping;
            await fixture.StartResourceAsync("orders");
        }
    }

    // Asks until Orders answers anything but SERVING or stops answering at all. The notice lasts a second, so the
    // questions follow each other closely: a poll that slowed down could step over it.
    private static async Task<string> StatusBeforeGoneAsync(Health.HealthClient health, HealthCheckRequest request, Task stopping)
    {
        var interval = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                var status = (await health.CheckAsync(request, deadline: DateTime.UtcNow.AddSeconds(2))).Status;
                if (status != HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return status.ToString();
                }
            }
            catch (RpcException exception)
            {
                return $"no answer ({exception.StatusCode}) before any NOT_SERVING";
            }

            Assert.False(stopping.IsCompleted, "Orders stopped while it still reported SERVING");
            await Task.Delay(interval);
        }
    }

    private async Task<HealthReport> WaitForGatewayToSeeAwayAsync(string service) =>
        await Poll.UntilAsync(
            () => HealthReport.ReadAsync(orders.Gateway),
            report => report.Checks.TryGetValue(service, out var check) && check.Status == "Degraded",
            $"the Gateway's /health to name {service} unavailable");

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
    }

    public void Dispose() => orders.Dispose();
}
