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
                .RemoveAllResilienceHandlers();
        }

        // The standard resilience handler retries any failed attempt, timeouts included. Every gRPC call is an HTTP
        // POST, and a create, a transition or a stock adjustment that timed out may still have been applied: retrying
        // it could create a second product or order, or take stock twice. So these clients retry only when the
        // connection itself failed, when the request has certainly not reached the service; anything else surfaces to
        // the caller, who knows it may have happened.
        services.AddGrpcClient<TClient>(options => options.Address = address)
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
}
