using System.Diagnostics;
using System.Text.Json;

namespace MicroShop.Tests.Foundation;

public sealed class ManifestTests
{
    [Fact]
    public async Task The_deployment_manifest_names_the_three_services_and_three_servers()
    {
        var output = Path.Combine(Path.GetTempPath(), $"microshop-manifest-{Guid.NewGuid():N}", "aspire-manifest.json");
        var appHost = Path.Combine(AppContext.BaseDirectory, "MicroShop.AppHost.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { appHost, "--publisher", "manifest", "--output-path", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"{await log}\n{await errors}");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
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
