using System.Diagnostics;
using System.Text.Json;

namespace MicroShop.Tests.Infrastructure;

// The deployment manifest, as `dotnet run --project MicroShop.AppHost -- --publisher manifest` writes it.
public static class AppHostManifest
{
    public static async Task<JsonDocument> PublishAsync()
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
        return JsonDocument.Parse(await File.ReadAllTextAsync(output));
    }
}
