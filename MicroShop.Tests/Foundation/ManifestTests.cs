using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Foundation;

public sealed class ManifestTests
{
    [Fact]
    public async Task The_deployment_manifest_names_the_three_services_and_three_servers()
    {
        using var manifest = await AppHostManifest.PublishAsync();
        var resources = manifest.RootElement.GetProperty("resources");
        foreach (var service in new[] { "gateway", "products", "orders" })
        {
            Assert.Equal("project.v0", resources.GetProperty(service).GetProperty("type").GetString());
        }

        foreach (var server in new[] { "rabbitmq", "postgres", "mongodb" })
        {
            Assert.Equal("container.v0", resources.GetProperty(server).GetProperty("type").GetString());
        }
    }
}
