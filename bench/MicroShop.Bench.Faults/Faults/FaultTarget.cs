using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MicroShop.Bench.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MicroShop.Bench.Faults;

// The application under faults, as its AppHost runs it: where to reach it, and how to kill and restart a resource.
public sealed class FaultTarget(DistributedApplication app)
{
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(50);

    public Uri Gateway => app.GetEndpoint("gateway", "http");

    public Uri BrokerManagementEndpoint => app.GetEndpoint("rabbitmq", "management");

    public async Task<HttpClient> BrokerManagementAsync(CancellationToken cancellationToken) =>
        BrokerManagement.CreateClient(new Uri(await ConnectionStringAsync("rabbitmq", cancellationToken)), BrokerManagementEndpoint);

    public async Task<string> ConnectionStringAsync(string resource, CancellationToken cancellationToken) =>
        await app.GetConnectionStringAsync(resource, cancellationToken)
        ?? throw new InvalidOperationException($"{resource} has no connection string.");

    // The instances of a resource: one per replica ("products-x8f2k1"), in a stable order.
    public async Task<IReadOnlyList<string>> InstancesAsync(string resource, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(candidate => candidate.Name == resource);
        var expected = model.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
        var instances = new SortedSet<string>(StringComparer.Ordinal);
        // The watch starts with the current state of every resource.
        await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (resourceEvent.Resource.Name == resource && instances.Add(resourceEvent.ResourceId) && instances.Count == expected)
            {
                break;
            }
        }

        return [.. instances];
    }

    // kill -9 of the instance's whole process tree (a launcher, the server, its workers), so nothing of it is left to
    // shut down cleanly; then waits until the AppHost has seen it go.
    public async Task KillAsync(string instance, CancellationToken cancellationToken)
    {
        var pid = app.ResourceNotifications.TryGetCurrentState(instance, out var launched)
            ? ResourceProcess.LaunchedPid(launched)
            : null;
        if (pid is null)
        {
            throw new InvalidOperationException($"{instance} reports no process id.");
        }

        var table = ProcessTable.Read();
        foreach (var process in table.Processes.Where(process => table.IsSelfOrDescendant(process.Pid, pid.Value)))
        {
            try
            {
                // Process.Kill is SIGKILL on Linux.
                using var target = Process.GetProcessById(process.Pid);
                target.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // It ended on its own in the meantime.
            }
        }

        await WaitUntilAsync(instance, ResourceProcess.IsStopped, cancellationToken);
    }

    // The AppHost's stop: SIGTERM, and the service's own shutdown.
    public async Task StopAsync(string instance, CancellationToken cancellationToken)
    {
        await ExecuteAsync(instance, KnownResourceCommands.StopCommand, cancellationToken);
        await WaitUntilAsync(instance, ResourceProcess.IsStopped, cancellationToken);
    }

    public async Task StartAsync(string instance, CancellationToken cancellationToken)
    {
        await ExecuteAsync(instance, KnownResourceCommands.StartCommand, cancellationToken);
        await WaitHealthyAsync(instance, cancellationToken);
    }

    public Task WaitHealthyAsync(string instance, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            instance,
            state => state.Snapshot.State?.Text == KnownResourceStates.Running && state.Snapshot.HealthStatus == HealthStatus.Healthy,
            cancellationToken);

    // By instance: the notification service's waits match resource names, which replicas share.
    private async Task WaitUntilAsync(string instance, Func<ResourceEvent, bool> holds, CancellationToken cancellationToken)
    {
        while (!(app.ResourceNotifications.TryGetCurrentState(instance, out var state) && holds(state)))
        {
            await Task.Delay(StatePoll, cancellationToken);
        }
    }

    private async Task ExecuteAsync(string instance, string command, CancellationToken cancellationToken)
    {
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(instance, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on {instance} failed: {result.Message}");
        }
    }
}
