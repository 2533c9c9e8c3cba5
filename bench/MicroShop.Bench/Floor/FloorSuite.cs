using MicroShop.Bench.Hosting;

namespace MicroShop.Bench.Floor;

// The infrastructure's own limits, measured on the application's servers just before the load: each closed loop
// does what one order needs from one server, without the services in between.
public static class FloorSuite
{
    private const int Workers = 32;

    public static async Task<IReadOnlyList<FloorResult>> RunAsync(
        BenchTarget target, HttpClient gateway, IReadOnlyList<string> productIds, TimeSpan duration, CpuWatch cpu,
        CancellationToken cancellationToken)
    {
        var results = new List<FloorResult>();

        using (var reads = ReadPaths.Create(target.Products, gateway, productIds))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.DirectRead, "reads", Workers, duration,
                (_, sequence) => reads.ReadDirectAsync(sequence), cpu, cancellationToken));
            results.Add(await ClosedLoop.RunAsync(FloorNames.GatewayRead, "reads", Workers, duration,
                (_, sequence) => reads.ReadThroughGatewayAsync(sequence, cached: false), cpu, cancellationToken));
            results.Add(await ClosedLoop.RunAsync(FloorNames.CachedGatewayRead, "reads", Workers, duration,
                (_, sequence) => reads.ReadThroughGatewayAsync(sequence, cached: true), cpu, cancellationToken));
        }

        await using (var messaging = await MessagingFloor.StartAsync(target.RabbitMq, cancellationToken))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.Publish, "msgs", Workers, duration,
                (_, _) => messaging.RoundTripAsync(reply: false), cpu, cancellationToken));
            // One worker: the ceiling of a relay that publishes its outbox rows one after another.
            results.Add(await ClosedLoop.RunAsync(FloorNames.SequentialPublish, "msgs", 1, duration,
                (_, _) => messaging.PublishAsync(), cpu, cancellationToken));
            results.Add(await ClosedLoop.RunAsync(FloorNames.RoundTrip, "trips", Workers, duration,
                (_, _) => messaging.RoundTripAsync(reply: true), cpu, cancellationToken));
        }

        await using (var orders = await OrderStoreFloor.CreateAsync(target.Postgres, cancellationToken))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.OrderInsert, "tx", Workers, duration,
                (_, sequence) => orders.InsertOrderAsync(sequence), cpu, cancellationToken));
        }

        await using (var stock = await StockStoreFloor.CreateAsync(target.MongoDb, cancellationToken))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.StockUpdate, "updates", Workers, duration,
                (_, sequence) => stock.ReserveAsync(sequence), cpu, cancellationToken));
        }

        return results;
    }
}
