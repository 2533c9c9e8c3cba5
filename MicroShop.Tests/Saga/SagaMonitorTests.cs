using Grpc.Health.V1;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.Saga;

// Orders stuck in PENDING past Orders:Saga:StuckPendingAfter (2 s in this application) make Orders' /health entry
// "saga" Degraded, and Healthy again once the saga has settled them; Orders keeps serving meanwhile.
[Collection(ShortReservationExpiryCollection.Name)]
public sealed class SagaMonitorTests(ShortReservationExpiryFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);

    [Fact]
    public async Task An_order_left_PENDING_past_the_threshold_makes_the_saga_Degraded_while_Orders_serves_until_it_is_settled()
    {
        using var orders = fixture.CreateOrdersHttpClient();
        using var ordersChannel = fixture.CreateGrpcChannel("orders");
        var product = await saga.CreateProductAsync(quantity: 5);

        // Orders keeps its own copy of a product it has priced: with Products stopped it still takes orders for it,
        // and they wait, PENDING, for their reservation.
        await saga.WaitForOutcomeAsync((await saga.PlaceOrderAsync((product.Id, 1))).Id);
        Assert.Equal("Healthy", (await HealthReport.ReadAsync(orders)).Checks[HealthReport.SagaCheck].Status);
        OrderView stuck;
        await fixture.StopResourceAsync("products");
        try
        {
            stuck = await saga.PlaceOrderAsync((product.Id, 1));

            var degraded = await Poll.UntilAsync(
                () => HealthReport.ReadAsync(orders),
                report => report.Checks[HealthReport.SagaCheck].Status == "Degraded",
                "Orders' saga health to be Degraded");
            Assert.Contains(
                $"PENDING for longer than {ShortReservationExpiryFixture.StuckPendingAfter:c}",
                degraded.Checks[HealthReport.SagaCheck].Description,
                StringComparison.Ordinal);
            var serving = await new Health.HealthClient(ordersChannel).CheckAsync(new HealthCheckRequest { Service = "serving" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, serving.Status);
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }

        Assert.Equal("PRODUCT_RESERVED", (await saga.WaitForOutcomeAsync(stuck.Id)).Status);
        await Poll.UntilAsync(
            () => HealthReport.ReadAsync(orders),
            report => report.Checks[HealthReport.SagaCheck].Status == "Healthy",
            "Orders' saga health to be Healthy again");
    }

    public void Dispose() => saga.Dispose();
}
