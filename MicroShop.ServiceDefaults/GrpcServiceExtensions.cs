using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MicroShop.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

// What every gRPC service gets on top of the service defaults.
public static class GrpcServiceExtensions
{
    public const string ServingHealthService = "serving";

    // Checks that report on the service's work (a stuck saga, say) without deciding whether it can take requests:
    // /health shows them, the "serving" health service leaves them out.
    public const string ReportOnlyTag = "report-only";

    // MassTransit tags its bus health check so.
    private const string MassTransitHealthTag = "masstransit";

    public static WebApplicationBuilder AddGrpcServiceDefaults(this WebApplicationBuilder builder)
    {
        // Plain-text HTTP/2 with prior knowledge: without TLS there is no ALPN to negotiate it,
        // and "Http1AndHttp2" would silently serve HTTP/1.1 only.
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));

        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

        builder.Services.AddSingleton<StopNotice>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StopNotice>());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            StopNotice.HealthCheckName, provider => provider.GetRequiredService<StopNotice>(), HealthStatus.Unhealthy, tags: null));

        // The same checks as /health, answered over grpc.health.v1 and evaluated on each call. "serving" leaves out the
        // broker, the services this one calls and the report-only checks: requests need none of them (the outbox holds
        // what waits for the broker), and callers probe it to decide whether to send requests at all.
        builder.Services.AddGrpcHealthChecks(options =>
        {
            options.UseHealthChecksCache = false;
            options.Services.Map("", _ => true);
            options.Services.Map(ServingHealthService, (HealthCheckMapContext check) =>
                !check.Tags.Contains(MassTransitHealthTag)
                && !check.Tags.Contains(ServiceClientExtensions.DependencyTag)
                && !check.Tags.Contains(ReportOnlyTag));
        });

        return builder;
    }

    public static WebApplication MapGrpcServiceDefaults(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapDefaultEndpoints();
        return app;
    }
}
