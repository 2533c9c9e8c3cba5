using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MicroShop.Bench.Load;

// One POST /orders; its result goes to the step, and an accepted order to the outcome tracker.
public sealed class OrderSender(HttpClient gateway, OutcomeTracker tracker)
{
    private const string ProblemJson = "application/problem+json";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task SendAsync(byte[] body, DateTimeOffset dueAt, StepRecorder step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await gateway.PostAsync("/orders", content);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
            {
                RecordRefusal(response, latency, step);
                return;
            }

            if (response.StatusCode != HttpStatusCode.Created)
            {
                step.Rejected(Status(response));
                return;
            }

            var order = await response.Content.ReadFromJsonAsync<OrderState>(GatewayJson.Options);
            if (order is null || !Guid.TryParse(order.Id, out var id))
            {
                step.Rejected("201 without id");
                return;
            }

            // Tracked before it is counted as accepted, so a drain never sees it in neither place.
            tracker.Track(id, dueAt, step);
            step.Accepted(latency);
        }
        catch (TaskCanceledException)
        {
            step.Rejected("timeout");
        }
        catch (HttpRequestException exception)
        {
            step.Rejected($"connection ({exception.HttpRequestError})");
        }
    }

    // Shedding load is a refusal only when it tells the client what happened and when to come back; a bare
    // 429 or 503 (a proxy's, or a crash's) is an error like any other.
    private static void RecordRefusal(HttpResponseMessage response, double latencyMs, StepRecorder step)
    {
        if (response.Headers.RetryAfter is null)
        {
            step.Rejected($"{Status(response)} without Retry-After");
        }
        else if (!string.Equals(response.Content.Headers.ContentType?.MediaType, ProblemJson, StringComparison.OrdinalIgnoreCase))
        {
            step.Rejected($"{Status(response)} without {ProblemJson}");
        }
        else
        {
            step.Refused(latencyMs);
        }
    }

    private static string Status(HttpResponseMessage response) =>
        ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
