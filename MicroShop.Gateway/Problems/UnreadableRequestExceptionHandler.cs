using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace MicroShop.Gateway.Problems;

// Malformed JSON, a value of the wrong type, a missing body or a route value that does not parse.
public sealed class UnreadableRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var problem = badRequest.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [string.IsNullOrEmpty(json.Path) ? "$" : json.Path] = [FirstSentence(json.Message)],
            })
            : new ProblemDetails();
        problem.Status = badRequest.StatusCode;
        problem.Detail = badRequest.Message;

        return await problemDetails.TryWriteProblemAsync(httpContext, problem, exception);
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the path is already the key.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
