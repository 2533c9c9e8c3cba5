using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace MicroShop.Gateway.Problems;

// Every error the Gateway returns is RFC 7807 problem+json: unknown routes and methods (status code pages),
// unreadable requests, failures of the services behind it, and anything unexpected.
public static class ProblemResponsesServiceCollectionExtensions
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Statuses the framework has no defaults for (429, 413, ...): RFC 9457's "about:blank" and the status's name.
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Status = status;
            context.ProblemDetails.Type ??= "about:blank";
            context.ProblemDetails.Title ??= ReasonPhrases.GetReasonPhrase(status);
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();

        // Order matters: the first handler that recognises the exception writes the response.
        services.AddExceptionHandler<UnreadableRequestExceptionHandler>();
        services.AddExceptionHandler<RpcExceptionHandler>();
        services.AddExceptionHandler<BrokerExceptionHandler>();

        // Minimal APIs then throw on unreadable bodies and parameters instead of answering an empty 400,
        // so the handler above can say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        return services;
    }
}
