using System.Diagnostics;
using System.Text.Json;

namespace MicroShop.Tests.Deployment;

// The AppHost's deployment manifest, written once for the tests that read it, as `dotnet run --project
// MicroShop.AppHost -- --publisher manifest` writes it.
public sealed class PublishedManifest : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"microshop-manifest-{Guid.NewGuid():N}");
    private JsonDocument? manifest;

    public JsonElement Resources =>
        (manifest ?? throw new InvalidOperationException("The manifest has not been written.")).RootElement.GetProperty("resources");

    public async Task InitializeAsync()
    {
        var output = Path.Combine(directory, "aspire-manifest.json");
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
        manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
    }

    public Task DisposeAsync()
    {
        manifest?.Dispose();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }
}
