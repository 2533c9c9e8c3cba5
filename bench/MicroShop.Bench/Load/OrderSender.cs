using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MicroShop.Bench.Load;

// One POST /orders; its result goes to the step, and an accepted order to the outcome tracker.
public sealed class OrderSender(HttpClient gateway, OutcomeTracker tracker)
{
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
            if (Refusal.IsShedding(response))
            {
                if (Refusal.Defect(response) is { } defect)
                {
                    step.Rejected(defect);
                }
                else
                {
                    step.Refused(latency);
                }

                return;
            }

            if (response.StatusCode != HttpStatusCode.Created)
            {
                step.Rejected(Refusal.Status(response));
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
}
