using Microsoft.Net.Http.Headers;

namespace MicroShop.Gateway.Problems;

// JSON between systems is UTF-8 (RFC 8259). A body declared in another charset is 415 here: the JSON reader would
// otherwise transcode it, or throw (500) for a charset .NET does not read, such as utf-7.
public sealed class JsonCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentType is not { } contentType
        || (MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && IsUtf8(mediaType))
            ? next(context)
            : TypedResults.Problem(
                detail: "Request bodies are JSON in UTF-8: send Content-Type: application/json, with charset=utf-8 or none.",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);

    // Unquoted only: the JSON reader looks up a quoted "utf-8" as a charset of that name, and fails (500).
    private static bool IsUtf8(MediaTypeHeaderValue mediaType) =>
        !mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}
