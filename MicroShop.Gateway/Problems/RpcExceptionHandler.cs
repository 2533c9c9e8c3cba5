using Microsoft.AspNetCore.Diagnostics;

namespace MicroShop.Gateway.Problems;

// A failed call to a service behind the Gateway becomes a problem response with the mapped status.
// Client errors carry the service's own message and field violations; server errors say nothing internal.
public sealed class RpcExceptionHandler(IProblemDetailsService problemDetails, ILogger<RpcExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RpcException rpc)
        {
            return false;
        }

        var status = GrpcStatusCodes.ToHttpStatus(rpc);
        var problem = rpc.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>() is { } badRequest
            ? new HttpValidationProblemDetails(ToErrors(badRequest))
            : new ProblemDetails();
        problem.Status = status;
        problem.Detail = status switch
        {
            StatusCodes.Status503ServiceUnavailable => "A service behind the gateway is unavailable. Try again shortly.",
            StatusCodes.Status504GatewayTimeout => "A service behind the gateway did not answer in time.",
            >= StatusCodes.Status500InternalServerError => "An unexpected error occurred behind the gateway.",
            _ => rpc.Status.Detail,
        };

        if (status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
        {
            RetryAfter.Apply(httpContext.Response, RetryAfter.Of(rpc));
        }

        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "gRPC call failed with {StatusCode}: {Detail}", rpc.StatusCode, rpc.Status.Detail);
        }

        return await problemDetails.TryWriteProblemAsync(httpContext, problem, exception);
    }

    private static Dictionary<string, string[]> ToErrors(Google.Rpc.BadRequest badRequest) =>
        badRequest.FieldViolations
            .GroupBy(violation => JsonFieldPath.FromProtoFieldPath(violation.Field))
            .ToDictionary(group => group.Key, group => group.Select(violation => violation.Description).ToArray());
}
