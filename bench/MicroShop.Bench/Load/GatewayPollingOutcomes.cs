using System.Net.Http.Json;

namespace MicroShop.Bench.Load;

// GET /orders/{id} for every pending order, a bounded number at a time: the public API's view, paid for with
// extra requests through the Gateway, Orders and Products while the load runs.
public sealed class GatewayPollingOutcomes(HttpClient gateway) : IOutcomeSource
{
    private const int Pollers = 16;

    public async Task<IReadOnlyList<OrderState>> ReadSettledAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var settled = new System.Collections.Concurrent.ConcurrentBag<OrderState>();
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = Pollers, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                using var response = await gateway.GetAsync($"/orders/{id}", token);
                if (response.IsSuccessStatusCode
                    && await response.Content.ReadFromJsonAsync<OrderState>(GatewayJson.Options, token) is { Status: not "PENDING" } state)
                {
                    settled.Add(state);
                }
            });
        return [.. settled];
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
