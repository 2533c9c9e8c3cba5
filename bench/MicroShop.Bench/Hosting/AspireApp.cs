using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MicroShop.AppHost.Security;
using MicroShop.Bench.Faults;
using MicroShop.Bench.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroShop.Bench.Hosting;

// The real application, started through its AppHost in local mode with fresh data, as the test suite starts it.
public sealed class AspireApp(DistributedApplication app, TokenIssuer tokens) : IAsyncDisposable
{
    public static readonly string[] Services = ["gateway", "products", "orders"];
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private static readonly string[] Resources = ["rabbitmq", "postgres", "mongodb", "cache", .. Services];

    // Cold start on two cores: RabbitMQ alone takes several seconds, and each project is started with `dotnet`.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    public static async Task<AspireApp> StartAsync(int replicas, int? maxPendingOrders, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);

        // A test host streams every line the resources log into its own logger: under load that is work for this
        // process and DCP on the machine being measured, so it is off (`eng/run.sh` and its dashboard show the logs).
        // The tool's own signing key, to mint its admin token; and per-client rate limits out of the way, since the
        // tool is one user at one address sending far more than a client's share (its refusals are admission control's).
        var tokens = TokenIssuer.WithNewKey(DevelopmentTokens.Issuer, DevelopmentTokens.Audience);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MicroShop_AppHost>(
            [
                "--infra", "local", "--replicas", replicas.ToString(CultureInfo.InvariantCulture),
                "--user-rate-limit", "1000000", "--address-rate-limit", "1000000",
                .. tokens.AppHostArguments(DevelopmentTokens.SigningKeyParameter),
                .. maxPendingOrders is { } bound ? ["--max-pending-orders", bound.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
            ],
            (application, _) => application.EnableResourceLogging = false,
            timeout.Token);
        // The start-up health probes' failures would bury the progress lines.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));

        // A test host runs no dashboard, yet the services are told to export telemetry to it: every second each
        // would fail to connect and keep the batch for a retry. Without the endpoint the services record telemetry
        // in process and ship nothing.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                context.EnvironmentVariables.Remove(OtlpEndpointVariable)));
        }

        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await Task.WhenAll(Resources.Select(resource =>
            app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token)));
        return new AspireApp(app, tokens);
    }

    public string AdminToken { get; } = tokens.Mint("bench", TokenIssuer.AdminRole);

    public async Task<BenchTarget> DescribeAsync(CancellationToken cancellationToken)
    {
        var pids = new Dictionary<string, int>();
        foreach (var name in Resources)
        {
            var resource = await app.ResourceNotifications.WaitForResourceAsync(
                name, resourceEvent => resourceEvent.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken);
            if (ResourceProcess.LaunchedPid(resource) is { } pid)
            {
                pids[name] = pid;
            }
        }

        var target = CreateFaultTarget();
        return new BenchTarget(
            target.Gateway,
            app.GetEndpoint("products", "http"),
            await target.ConnectionStringAsync("rabbitmq", cancellationToken),
            target.BrokerManagementEndpoint,
            await target.ConnectionStringAsync("postgres", cancellationToken),
            await target.ConnectionStringAsync("mongodb", cancellationToken),
            pids,
            AdminToken);
    }

    public FaultTarget CreateFaultTarget() => new(app);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
