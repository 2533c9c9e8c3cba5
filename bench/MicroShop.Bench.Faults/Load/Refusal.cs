using System.Globalization;
using System.Net;

namespace MicroShop.Bench.Load;

// Shedding load is a refusal only when it tells the client what happened and when to come back; a bare 429 or 503
// (a proxy's, or a crash's) is an error like any other.
public static class Refusal
{
    private const string ProblemJson = "application/problem+json";

    public static bool IsShedding(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;

    // A 429 or 503 that says what happened and when to come back.
    public static bool IsRefusal(HttpResponseMessage response) => IsShedding(response) && Defect(response) is null;

    // What a 429 or 503 lacks to be a refusal ("503 without Retry-After"); null when it is one.
    public static string? Defect(HttpResponseMessage response) =>
        response.Headers.RetryAfter is null ? $"{Status(response)} without Retry-After"
        : !string.Equals(response.Content.Headers.ContentType?.MediaType, ProblemJson, StringComparison.OrdinalIgnoreCase)
            ? $"{Status(response)} without {ProblemJson}"
        : null;

    public static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}
