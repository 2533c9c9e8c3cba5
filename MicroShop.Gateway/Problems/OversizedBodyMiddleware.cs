using Microsoft.AspNetCore.Http.Features;

namespace MicroShop.Gateway.Problems;

// A body declared larger than the Gateway reads is 413 before anything else, with Connection: close. Otherwise a request
// refused before its body is read (401, 403, 415, 429) left Kestrel draining more than the limit after the answer and
// dropping the connection, which the client, told nothing, reused for its next request: reset.
public sealed class OversizedBodyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not { } length
            || context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is not { } limit
            || length <= limit)
        {
            return next(context);
        }

        context.Response.Headers.Connection = "close";
        return TypedResults.Problem(
            detail: $"The request body is {length} bytes; the limit is {limit}.",
            statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
    }
}
