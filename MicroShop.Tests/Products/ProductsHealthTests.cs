using Grpc.Health.V1;
using MicroShop.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace MicroShop.Tests.Products;

// The Products service is only healthy while its database answers, over grpc.health.v1 as over /health.
[Collection(DistributedAppCollection.Name)]
public sealed class ProductsHealthTests(DistributedAppFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Products_stops_serving_while_MongoDB_is_down_and_serves_again_after()
    {
        using var channel = fixture.CreateGrpcChannel("products");
        var health = new Health.HealthClient(channel);
        // A test before this one may have restarted MongoDB: the first ping after that may still hit a dead pooled connection.
        await WaitForStatusAsync(health, ServingStatus.Serving);

        await fixture.StopResourceAsync("mongodb");
        try
        {
            await WaitForStatusAsync(health, ServingStatus.NotServing);
        }
        finally
        {
            await fixture.StartResourceAsync("mongodb");
        }

        await WaitForStatusAsync(health, ServingStatus.Serving);
        // The tests after this one expect every resource healthy again, as the AppHost sees it.
        using var timeout = new CancellationTokenSource(Deadline);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("products", timeout.Token);
    }

    private static async Task<ServingStatus> StatusAsync(Health.HealthClient health) =>
        (await health.CheckAsync(new HealthCheckRequest())).Status;

    private static Task<ServingStatus> WaitForStatusAsync(Health.HealthClient health, ServingStatus status) =>
        Poll.UntilAsync(() => StatusAsync(health), current => current == status, $"Products to report {status}", Deadline);
}
