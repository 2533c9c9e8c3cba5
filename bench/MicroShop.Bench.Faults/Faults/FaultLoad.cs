using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Faults;

// The steady load of the fault run: orders at a fixed arrival rate (open model: sends follow the clock, never an
// earlier answer) and catalog reads at a quarter of it, every request recorded with when it was sent and how it ended.
public sealed class FaultLoad(HttpClient gateway, OrderMix mix, SeededCatalog catalog, int rate)
{
    private const int ReadsPerOrder = 4;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(20);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ConcurrentQueue<RequestRecord> records = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> accepted = new();
    private long inFlight;
    private volatile bool paused;

    public IReadOnlyCollection<RequestRecord> Records => records;

    // Every order answered 201, with when it was sent.
    public IReadOnlyDictionary<Guid, DateTimeOffset> Accepted => accepted;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        long sent = 0;
        var started = Stopwatch.GetTimestamp();
        var wasPaused = false;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (paused)
            {
                wasPaused = true;
                continue;
            }

            if (wasPaused)
            {
                // A pause is not a backlog to catch up on.
                wasPaused = false;
                sent = 0;
                started = Stopwatch.GetTimestamp();
            }

            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                _ = PlaceOrderAsync(mix.Next(sent));
                if (sent % ReadsPerOrder == 0)
                {
                    _ = ReadProductAsync(catalog.Plentiful[(int)(sent / ReadsPerOrder % catalog.Plentiful.Count)]);
                }
            }
        }
    }

    // Stops sending and waits for every request in flight to end.
    public async Task PauseAsync(CancellationToken cancellationToken)
    {
        paused = true;
        while (Interlocked.Read(ref inFlight) > 0)
        {
            await Task.Delay(InFlightPoll, cancellationToken);
        }
    }

    public void Resume() => paused = false;

    private Task PlaceOrderAsync(byte[] body) =>
        SendAsync(RequestKind.PlaceOrder, async () =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            return await gateway.PostAsync("/orders", content);
        });

    private Task ReadProductAsync(string productId) =>
        SendAsync(RequestKind.ReadProduct, () => gateway.GetAsync($"/products/{productId}"));

    private async Task SendAsync(RequestKind kind, Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref inFlight);
        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        RequestOutcome outcome;
        string? error = null;
        try
        {
            using var response = await send();
            (outcome, error) = Classify(response);
            if (kind == RequestKind.PlaceOrder && response.StatusCode == HttpStatusCode.Created)
            {
                var order = await response.Content.ReadFromJsonAsync<CreatedOrder>(GatewayJson.Options);
                accepted[order!.Id] = sentAt;
            }
        }
        catch (TaskCanceledException)
        {
            (outcome, error) = (RequestOutcome.Error, "timeout");
        }
        catch (HttpRequestException exception)
        {
            (outcome, error) = (RequestOutcome.Error, $"connection ({exception.HttpRequestError})");
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        records.Enqueue(new RequestRecord(kind, sentAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome, error));
    }

    private static (RequestOutcome, string?) Classify(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? (RequestOutcome.Served, null)
        : Refusal.IsRefusal(response) ? (RequestOutcome.Refused, null)
        : (RequestOutcome.Error, Refusal.Status(response));

    private sealed record CreatedOrder(Guid Id);
}
