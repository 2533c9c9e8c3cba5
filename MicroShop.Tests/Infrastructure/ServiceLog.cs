using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace MicroShop.Tests.Infrastructure;

// A service's console log, as the AppHost collects it. A message that changes nothing leaves no trace in the
// databases; the log line its consumer writes shows that it was consumed.
public static class ServiceLog
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task WaitForLineAsync(DistributedAppFixture fixture, string service, params string[] fragments)
    {
        var resource = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == service);
        var logs = fixture.App.Services.GetRequiredService<ResourceLoggerService>();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            // The watch starts with the lines already logged.
            await foreach (var lines in logs.WatchAsync(resource).WithCancellation(timeout.Token))
            {
                if (lines.Any(line => fragments.All(fragment => line.Content.Contains(fragment, StringComparison.Ordinal))))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported below.
        }

        Assert.Fail($"{service} logged no line with {string.Join(" and ", fragments)} within {Deadline}.");
    }
}
