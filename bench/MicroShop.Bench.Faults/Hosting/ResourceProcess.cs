using Aspire.Hosting.ApplicationModel;

namespace MicroShop.Bench.Hosting;

// What the AppHost reports of a resource's process.
public static class ResourceProcess
{
    // Executables report executable.pid; projects may report project.pid.
    private static readonly string[] PidProperties = ["executable.pid", "project.pid"];

    // The pid of what the AppHost launched (a `dotnet` launcher, a script): the service or server runs in its tree.
    public static int? LaunchedPid(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.Properties
            .Where(property => PidProperties.Contains(property.Name))
            .Select(property => int.TryParse(property.Value?.ToString(), out var pid) ? pid : (int?)null)
            .FirstOrDefault(pid => pid is not null);

    public static bool IsStopped(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart";
}
