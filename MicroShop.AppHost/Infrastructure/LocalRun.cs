namespace MicroShop.AppHost.Infrastructure;

// One AppHost run in local mode: a fresh data folder, and free loopback ports so that the run never
// clashes with servers already on the machine or with another run.
public sealed class LocalRun(IDistributedApplicationBuilder builder, string dataDirectory, string scriptDirectory)
{
    private static readonly TimeSpan StaleRunAge = TimeSpan.FromDays(1);

    public static LocalRun Create(IDistributedApplicationBuilder builder)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var prerequisites = LocalPrerequisites.OfThisMachine(repositoryRoot);
        if (prerequisites.Missing() is { Count: > 0 } missing)
        {
            // Thrown before any resource exists: the first line on the console says what is missing and how to install it.
            throw new DistributedApplicationException(LocalPrerequisites.Explain(missing));
        }

        var root = Path.Combine(Path.GetTempPath(), "microshop");
        StaleRuns.Remove(root, DateTime.UtcNow - StaleRunAge);

        // Time and process name the run for people; the random part keeps apart two runs one process starts in the
        // same second (the tests start a second application with a short reservation expiry).
        var dataDirectory = Path.Combine(root, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}");
        Directory.CreateDirectory(dataDirectory);

        var scriptDirectory = Path.Combine(repositoryRoot, "eng", "local");
        return new LocalRun(builder, dataDirectory, scriptDirectory);
    }

    public IResourceBuilder<LocalServerResource> AddServer(string name, string script, Func<int, ReferenceExpression> connectionString)
    {
        var port = FreeTcpPort.Find();
        var scriptPath = Path.Combine(scriptDirectory, script);
        var resource = new LocalServerResource(name, scriptDirectory, connectionString(port));

        return builder.AddResource(resource)
            .WithArgs(scriptPath)
            .WithEnvironment("DATA_DIR", Path.Combine(dataDirectory, name))
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", env: "PORT", isProxied: false);
    }
}
