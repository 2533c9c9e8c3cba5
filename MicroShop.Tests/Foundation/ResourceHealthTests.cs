using Aspire.Hosting;
using MicroShop.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MicroShop.Tests.Foundation;

[Collection(DistributedAppCollection.Name)]
public sealed class ResourceHealthTests(DistributedAppFixture fixture)
{
    public static TheoryData<string> Resources => new(DistributedAppFixture.Resources);

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_resource_is_running_and_healthy(string resourceName)
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resourceName, out var resource));
        Assert.Equal("Running", resource.Snapshot.State?.Text);
        Assert.Equal(HealthStatus.Healthy, resource.Snapshot.HealthStatus);
    }
}
