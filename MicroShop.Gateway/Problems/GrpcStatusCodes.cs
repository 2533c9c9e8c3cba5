using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MicroShop.Gateway.Problems;

// The one translation of gRPC status codes to HTTP for every route of the Gateway.
public static class GrpcStatusCodes
{
    // The Gateway's own resilience pipeline fails a call before any status comes back; the gRPC client reports
    // that as INTERNAL, which would hide a timeout or an open circuit.
    public static int ToHttpStatus(RpcException exception) => exception.Status.DebugException switch
    {
        TimeoutRejectedException => StatusCodes.Status504GatewayTimeout,
        BrokenCircuitException => StatusCodes.Status503ServiceUnavailable,
        _ => ToHttpStatus(exception.StatusCode),
    };

    private static int ToHttpStatus(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        // The service behind failed: the Gateway itself did not.
        _ => StatusCodes.Status502BadGateway,
    };
}
