using Microsoft.AspNetCore.Diagnostics;
using RabbitMQ.Client.Exceptions;

namespace MicroShop.Gateway.Problems;

// The dead-letter admin talks to RabbitMQ directly: a broker that is away or restarting is 503, not a failure
// of the Gateway.
public sealed class BrokerExceptionHandler(IProblemDetailsService problemDetails, ILogger<BrokerExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (BrokerUnreachableException or RabbitMQClientException))
        {
            return false;
        }

        logger.LogWarning(exception, "RabbitMQ is unavailable");
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = "The message broker is unavailable. Try again shortly.",
        };
        return await problemDetails.TryWriteProblemAsync(httpContext, problem, exception);
    }
}
