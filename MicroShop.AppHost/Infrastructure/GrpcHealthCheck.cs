using Grpc.Health.V1;
using Grpc.Net.Client;

namespace MicroShop.AppHost.Infrastructure;

// The gRPC services speak HTTP/2 only (no TLS, so no HTTP/1.1 fallback), so they are probed with the
// standard grpc.health.v1 protocol rather than an HTTP/1.1 GET.
public sealed class GrpcHealthCheck(IResourceWithEndpoints resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoint = resource.GetEndpoint("http");
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} has no endpoint yet.");
        }

        try
        {
            using var channel = GrpcChannel.ForAddress(endpoint.Url);
            var response = await new Health.HealthClient(channel)
                .CheckAsync(new HealthCheckRequest(), cancellationToken: cancellationToken);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{resource.Name} reports {response.Status}.");
        }
        catch (Grpc.Core.RpcException exception)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} does not answer: {exception.Status.Detail}");
        }
    }
}
