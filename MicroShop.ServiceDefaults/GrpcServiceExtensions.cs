using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

// What every gRPC service gets on top of the service defaults.
public static class GrpcServiceExtensions
{
    public static WebApplicationBuilder AddGrpcServiceDefaults(this WebApplicationBuilder builder)
    {
        // Plain-text HTTP/2 with prior knowledge: without TLS there is no ALPN to negotiate it,
        // and "Http1AndHttp2" would silently serve HTTP/1.1 only.
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));

        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

        // The same checks as /health, answered over grpc.health.v1 and evaluated on each call.
        builder.Services.AddGrpcHealthChecks(options => options.UseHealthChecksCache = false);

        return builder;
    }

    public static WebApplication MapGrpcServiceDefaults(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapDefaultEndpoints();
        return app;
    }
}
