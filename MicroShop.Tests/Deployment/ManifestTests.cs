using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

// EndpointProbeAnnotation and ProbeType are marked experimental in Aspire 13.6.
#pragma warning disable ASPIREPROBES001

namespace MicroShop.Tests.Deployment;

// The deployment manifest azd reads (README, "Deploy to Azure Container Apps"): what each resource becomes, which
// endpoints the internet reaches, how the platform probes the services and where the passwords come from.
public sealed class ManifestTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    private static readonly string[] Services = ["gateway", "products", "orders"];
    private static readonly string[] Servers = ["rabbitmq", "postgres", "mongodb", "cache"];

    [Fact]
    public void The_three_services_are_projects_and_the_four_servers_containers()
    {
        Assert.All(Services, service => Assert.Equal("project.v0", Type(service)));
        Assert.All(Servers, server => Assert.Equal("container.v0", Type(server)));
    }

    [Fact]
    public void Products_and_Orders_are_reached_over_HTTP_2_and_only_the_Gateway_from_outside()
    {
        foreach (var service in new[] { "products", "orders" })
        {
            Assert.All(Bindings(service), binding => Assert.Equal("http2", binding.Value.GetProperty("transport").GetString()));
        }

        var external = manifest.Resources.EnumerateObject()
            .SelectMany(resource => Bindings(resource.Name).Select(binding => (Resource: resource.Name, Binding: binding)))
            .Where(entry => entry.Binding.Value.TryGetProperty("external", out var isExternal) && isExternal.GetBoolean())
            .Select(entry => entry.Resource)
            .Distinct();
        Assert.Equal(["gateway"], external);
    }

    // Aspire's manifest (v0) has no field for probes: they are annotations of the app model, which Aspire's own Azure
    // publishing turns into Container Apps probes, so they are read there.
    [Fact]
    public async Task The_Gateway_is_probed_for_liveness_on_alive_and_for_readiness_on_health_over_http()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MicroShop_AppHost>();
        var gateway = builder.Resources.Single(resource => resource.Name == "gateway");

        var probes = gateway.Annotations.OfType<EndpointProbeAnnotation>().ToDictionary(probe => probe.Type);

        Assert.Equal("/alive", probes[ProbeType.Liveness].Path);
        Assert.Equal("/health", probes[ProbeType.Readiness].Path);
        Assert.All(probes.Values, probe => Assert.Equal("http", probe.EndpointReference.EndpointName));
    }

    [Theory]
    [InlineData("rabbitmq", "rabbitmq-password")]
    [InlineData("postgres", "postgres-password")]
    [InlineData("cache", "cache-password")]
    public void A_server_s_password_is_a_secret_parameter_that_its_connection_string_refers_to(string server, string parameter)
    {
        var password = manifest.Resources.GetProperty(parameter);

        Assert.Equal("parameter.v0", password.GetProperty("type").GetString());
        Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.Contains($"{{{parameter}", manifest.Resources.GetProperty(server).GetProperty("connectionString").GetString(),
            StringComparison.Ordinal);
    }

    private string? Type(string resource) => manifest.Resources.GetProperty(resource).GetProperty("type").GetString();

    private IEnumerable<JsonProperty> Bindings(string resource) =>
        manifest.Resources.GetProperty(resource).TryGetProperty("bindings", out var bindings) ? bindings.EnumerateObject() : [];
}
