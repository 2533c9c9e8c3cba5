using System.Net;

namespace MicroShop.AppHost.Operations;

// "Show health" on a gRPC service's resource: its /health report, each check with its status and description (Orders'
// "saga" entry says how many orders are stuck in PENDING). The dashboard's own health column shows only whether the
// service serves, as grpc.health.v1 reports it: SERVING or not, never Degraded.
public static class HealthReportCommand
{
    public const string Name = "show-health";

    public static IResourceBuilder<ProjectResource> WithHealthReportCommand(this IResourceBuilder<ProjectResource> service) =>
        service.WithHttpCommand("/health", "Show health", commandName: Name, commandOptions: new HttpCommandOptions
        {
            Method = HttpMethod.Get,
            ResultMode = HttpCommandResultMode.Json,
            Description = "The service's /health report: every check, with its status and description.",
            IconName = "HeartPulse",

            // The gRPC services speak HTTP/2 only, without TLS: asked with prior knowledge.
            PrepareRequest = context =>
            {
                context.Request.Version = HttpVersion.Version20;
                context.Request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
                return Task.CompletedTask;
            },
        });
}
