using MicroShop.Bench.Hosting;

namespace MicroShop.Bench.Floor;

// The infrastructure's own limits, measured on the application's servers just before the load: each closed loop
// does what one order needs from one server, without the services in between, with `workers` operations in flight
// (32 by default: enough to keep both cores busy).
public static class FloorSuite
{
    public const int DefaultWorkers = 32;

    public static async Task<IReadOnlyList<FloorResult>> RunAsync(
        BenchTarget target, HttpClient gateway, IReadOnlyList<string> productIds, TimeSpan duration, int workers, CpuWatch cpu,
        CancellationToken cancellationToken)
    {
        var results = new List<FloorResult>();

        using (var reads = ReadPaths.Create(target.Products, gateway, productIds))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.DirectRead, "reads", workers, duration,
                (_, sequence) => reads.ReadDirectAsync(sequence), cpu, cancellationToken));
            results.Add(await ClosedLoop.RunAsync(FloorNames.GatewayRead, "reads", workers, duration,
                (_, sequence) => reads.ReadThroughGatewayAsync(sequence, cached: false), cpu, cancellationToken));
            results.Add(await ClosedLoop.RunAsync(FloorNames.CachedGatewayRead, "reads", workers, duration,
                (_, sequence) => reads.ReadThroughGatewayAsync(sequence, cached: true), cpu, cancellationToken));
        }

        await using (var messaging = await MessagingFloor.StartAsync(target.RabbitMq, cancellationToken))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.Publish, "msgs", workers, duration,
                (_, _) => messaging.RoundTripAsync(reply: false), cpu, cancellationToken));
            // One worker: the ceiling of a relay that publishes its outbox rows one after another.
            results.Add(await ClosedLoop.RunAsync(FloorNames.SequentialPublish, "msgs", 1, duration,
                (_, _) => messaging.PublishAsync(), cpu, cancellationToken));
            results.Add(await ClosedLoop.RunAsync(FloorNames.RoundTrip, "trips", workers, duration,
                (_, _) => messaging.RoundTripAsync(reply: true), cpu, cancellationToken));
        }

        await using (var orders = await OrderStoreFloor.CreateAsync(target.Postgres, cancellationToken))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.OrderInsert, "tx", workers, duration,
                (_, sequence) => orders.InsertOrderAsync(sequence), cpu, cancellationToken));
        }

        await using (var stock = await StockStoreFloor.CreateAsync(target.MongoDb, cancellationToken))
        {
            results.Add(await ClosedLoop.RunAsync(FloorNames.StockUpdate, "updates", workers, duration,
                (_, sequence) => stock.ReserveAsync(sequence), cpu, cancellationToken));
        }

        return results;
    }
}
