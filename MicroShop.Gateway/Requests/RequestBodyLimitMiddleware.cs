namespace MicroShop.Gateway.Requests;

// Far above any valid product (2,300 characters of text) or order (100 lines), far below what would trouble a
// service: a larger body is refused with 413 once the limit is passed, before it is bound.
//
// The limit is the Gateway's, not Kestrel's: when Kestrel's own limit refuses a body, Kestrel closes the connection
// with the rest of the upload unread, the client gets a reset, and it may lose the 413 before reading it. Below its
// own, larger limit Kestrel reads and discards the rest of a refused body first (for up to 5 s), so the client reads
// the answer.
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public const long Limit = 64 * 1024;

    // What Kestrel drains after a refusal; a larger upload is cut off as before.
    public const long DrainLimit = 8 * 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > Limit)
        {
            throw BoundedRequestBody.TooLarge(Limit);
        }

        request.Body = new BoundedRequestBody(request.Body, Limit);
        return next(context);
    }
}
