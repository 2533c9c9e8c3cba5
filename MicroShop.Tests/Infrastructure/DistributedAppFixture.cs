using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using MicroShop.AppHost.Security;
using MicroShop.Bench.Faults;
using MicroShop.Bench.Hosting;
using MicroShop.Bench.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroShop.Tests.Infrastructure;

// Starts the real AppHost once (local infrastructure here: RabbitMQ, PostgreSQL and MongoDB run as executables)
// and waits until every resource reports healthy.
public class DistributedAppFixture : IAsyncLifetime
{
    public static readonly string[] Resources = ["rabbitmq", "postgres", "mongodb", "cache", "products", "orders", "gateway"];

    // Cold start on two cores: RabbitMQ alone takes several seconds, and each project is started with `dotnet`.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(3);

    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The application has not started.");

    // The Gateway's token issuer: the AppHost gets its signing key, the tests mint their tokens with it.
    public TokenIssuer Tokens { get; } = TokenIssuer.WithNewKey(DevelopmentTokens.Issuer, DevelopmentTokens.Audience);

    // Settings handed to the AppHost as `--key value` arguments.
    protected virtual string[] AppHostArguments => [];

    // Requests per window a client address without a token may send: far more than any test sends, except in the
    // application of the rate limit tests.
    protected virtual int AddressRateLimit => NoRateLimit;

    // Tests (the fault runs, the hostile requests) send far more than a client's production share.
    private const int NoRateLimit = 1_000_000;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MicroShop_AppHost>(
            [
                .. Tokens.AppHostArguments(DevelopmentTokens.SigningKeyParameter),
                "--user-rate-limit", NoRateLimit.ToString(CultureInfo.InvariantCulture),
                "--address-rate-limit", AddressRateLimit.ToString(CultureInfo.InvariantCulture),
                .. AppHostArguments,
            ],
            timeout.Token);

        // A line per request the tests send would bury a failing test's output in the CI log.
        builder.Services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));

        // The test host runs no dashboard, yet the services would be told to export telemetry to it: on shutdown
        // each would then wait for its exporter's timeout, longer than a resource's stop is given.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
        }

        app = await builder.BuildAsync(timeout.Token);

        // A server that exits at start (a missing package, a port taken) would otherwise show only as the timeout:
        // the start itself waits for every resource's dependencies to be healthy.
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var firstStopped = Task.WhenAny(Resources.Select(resource =>
            app.ResourceNotifications.WaitForResourceAsync(resource, ResourceProcess.IsStopped, watch.Token))).Unwrap();
        var healthy = StartUntilHealthyAsync(app, timeout.Token);
        if (await Task.WhenAny(healthy, firstStopped) == firstStopped && firstStopped.IsCompletedSuccessfully)
        {
            var stopped = await firstStopped;
            throw new InvalidOperationException(
                $"{stopped.Resource.Name} stopped ({stopped.Snapshot.State?.Text}, exit code {stopped.Snapshot.ExitCode}) before every resource was healthy; its log says why.");
        }

        await healthy;
        await watch.CancelAsync();

        // A resource is healthy once one of its replicas is: every replica must be, before any test sends it work.
        var target = new FaultTarget(app);
        foreach (var resource in Resources)
        {
            foreach (var instance in await target.InstancesAsync(resource, timeout.Token))
            {
                await target.WaitHealthyAsync(instance, timeout.Token);
            }
        }

        await WaitUntilCallersSeeEverythingServingAsync();
        await WarmUpAsync();
    }

    // Work an application runs once it serves, before its first test.
    protected virtual Task WarmUpAsync() => Task.CompletedTask;

    private static async Task StartUntilHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        await Task.WhenAll(Resources.Select(resource =>
            app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken)));
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // Without a token: what anyone may call.
    public HttpClient CreateGatewayClient() => App.CreateHttpClient("gateway");

    public HttpClient CreateGatewayClient(string user, params string[] roles)
    {
        var client = CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(user, roles));
        return client;
    }

    // Shop staff, for the tests of what the routes do rather than who may call them.
    public HttpClient CreateAdminGatewayClient() => CreateGatewayClient($"admin-{Guid.NewGuid():N}", TokenIssuer.AdminRole);

    // Orders speaks HTTP/2 only, without TLS: its /health is asked with prior knowledge.
    public HttpClient CreateOrdersHttpClient() =>
        new()
        {
            BaseAddress = App.GetEndpoint("orders", "http"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    public GrpcChannel CreateGrpcChannel(string resourceName) =>
        GrpcChannel.ForAddress(App.GetEndpoint(resourceName, "http"));

    public async Task<string> GetConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName)
        ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    // Every instance of the resource, through the AppHost's own commands.
    public async Task StopResourceAsync(string resourceName)
    {
        using var timeout = new CancellationTokenSource(RestartTimeout);
        var target = new FaultTarget(App);
        foreach (var instance in await target.InstancesAsync(resourceName, timeout.Token))
        {
            await target.StopAsync(instance, timeout.Token);
        }
    }

    public async Task StartResourceAsync(string resourceName)
    {
        using (var timeout = new CancellationTokenSource(RestartTimeout))
        {
            var target = new FaultTarget(App);
            foreach (var instance in await target.InstancesAsync(resourceName, timeout.Token))
            {
                await target.StartAsync(instance, timeout.Token);
            }
        }

        await WaitUntilCallersSeeEverythingServingAsync();
    }

    // A service's callers find it back by their next probe, a fraction of a second after it is healthy: a test that
    // goes on at once must not meet their fail-fast answer.
    public async Task WaitUntilCallersSeeEverythingServingAsync()
    {
        using var gateway = CreateGatewayClient();
        using var orders = CreateOrdersHttpClient();
        foreach (var caller in new[] { gateway, orders })
        {
            await Poll.UntilAsync(
                async () => await HealthReport.ReadAsync(caller),
                report => report.IsServing,
                $"{caller.BaseAddress} to see every service it calls serving",
                RestartTimeout);
        }
    }

    public async Task RestartResourceAsync(string resourceName)
    {
        await StopResourceAsync(resourceName);
        await StartResourceAsync(resourceName);
    }
}
