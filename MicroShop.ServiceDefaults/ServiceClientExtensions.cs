using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MicroShop.ServiceDefaults.ServiceCalls;

namespace Microsoft.Extensions.Hosting;

// How a service calls another over gRPC: a deadline on every call, fail-fast while the other is away (found by a
// health probe several times a second), its state in /health, and retries only where they cannot apply a call twice.
public static class ServiceClientExtensions
{
    public const string DependencyTag = "dependency";

    public static IHostApplicationBuilder AddServiceClient<TClient>(this IHostApplicationBuilder builder, string serviceName)
        where TClient : class
    {
        var services = builder.Services;
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(ServiceAvailability)))
        {
            services.AddOptions<ServiceCallOptions>()
                .BindConfiguration(ServiceCallOptions.SectionName)
                .Validate(
                    options => options.Deadline > TimeSpan.Zero && options.ProbeInterval > TimeSpan.Zero && options.ProbeTimeout > TimeSpan.Zero,
                    "ServiceCalls: Deadline, ProbeInterval and ProbeTimeout must be positive.")
                .Validate(
                    options => options.IdleProbeInterval >= options.ProbeInterval,
                    "ServiceCalls: IdleProbeInterval must be at least ProbeInterval.")
                .ValidateOnStart();
            services.AddSingleton<ServiceAvailability>();
            services.AddHostedService<ServiceProbe>();
        }

        var address = new Uri($"http://{serviceName}");

        // RemoveAllResilienceHandlers is still marked experimental; it is the documented way to replace the handler
        // ConfigureHttpClientDefaults adds, for one client.
#pragma warning disable EXTEXP0001
        // One probe and one /health entry per service, however many of its gRPC services are called.
        if (!services.Any(descriptor => descriptor.ImplementationInstance is ServiceDependency dependency && dependency.Name == serviceName))
        {
            services.AddSingleton(new ServiceDependency(serviceName));
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                serviceName,
                provider => new ServiceAvailabilityHealthCheck(serviceName, provider.GetRequiredService<ServiceAvailability>()),
                HealthStatus.Degraded,
                [DependencyTag]));

            // A probe that retried would hide the very failure it is there to see.
            services.AddGrpcClient<Health.HealthClient>(ServiceProbe.HealthClientName(serviceName), options => options.Address = address)
                .ConfigurePrimaryHttpMessageHandler(CreateConnectionHandler)
                .RemoveAllResilienceHandlers();
        }

        // The standard resilience handler retries any failed attempt, timeouts included. Every gRPC call is an HTTP
        // POST, and a create, a transition or a stock adjustment that timed out may still have been applied: retrying
        // it could create a second product or order, or take stock twice. So these clients retry only when the
        // connection itself failed, when the request has certainly not reached the service; anything else surfaces to
        // the caller, who knows it may have happened.
        services.AddGrpcClient<TClient>(options => options.Address = address)
            .ConfigurePrimaryHttpMessageHandler(CreateConnectionHandler)
            .AddInterceptor(provider => new ServiceAvailabilityInterceptor(
                serviceName,
                provider.GetRequiredService<ServiceAvailability>(),
                provider.GetRequiredService<IOptions<ServiceCallOptions>>().Value))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options => options.Retry.ShouldHandle = arguments =>
                ValueTask.FromResult(arguments.Outcome.Exception is HttpRequestException
                {
                    HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
                }));
#pragma warning restore EXTEXP0001

        return builder;
    }

    // A connection that hears nothing for KeepAlivePingDelay is pinged, and closed when the ping goes unanswered. A
    // connection opened while the service was down (a proxy in front of it accepts connections and holds them) is so
    // dropped during the outage: kept, it carried the first calls after the restart, which hung until their deadline
    // behind the requests it had held (CI: 504s after a SIGTERM restart under load). On a working connection pings
    // only start after a second of silence, when the probe has found the service away and cancelled its calls anyway.
    private static SocketsHttpHandler CreateConnectionHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        KeepAlivePingDelay = TimeSpan.FromSeconds(1),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(2),
    };
}
