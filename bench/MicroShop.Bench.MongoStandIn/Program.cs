// Throughput and latency of the operations MicroShop leans on, measured through
// the real MongoDB C# driver against any mongodb:// URL (the stand-in or mongod).
//
//   dotnet run --project bench/MicroShop.Bench.MongoStandIn -- mongodb://127.0.0.1:27017 [--ops 10000] [--concurrency 1,8] [--seconds 15]
//
// Each phase is bounded by an operation count and a time limit. Everything is
// written to a throw-away database that is dropped at the end.
using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;

if (args.Length == 0 || !args[0].StartsWith("mongodb://", StringComparison.Ordinal))
{
    Console.Error.WriteLine("usage: MicroShop.Bench.MongoStandIn <mongodb://host:port> [--ops N] [--concurrency 1,8] [--seconds S]");
    return 2;
}

var connectionString = args[0];
var ops = 10_000;
var concurrencies = new[] { 1, 8 };
var seconds = 15.0;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--ops": ops = int.Parse(args[i + 1]); break;
        case "--concurrency": concurrencies = args[i + 1].Split(',').Select(int.Parse).ToArray(); break;
        case "--seconds": seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

using var client = new MongoClient(connectionString);
var database = client.GetDatabase($"bench_{Guid.NewGuid():N}");
var results = new List<PhaseResult>();
try
{
    foreach (var concurrency in concurrencies)
    {
        var products = database.GetCollection<BsonDocument>($"products_c{concurrency}");
        var filter = Builders<BsonDocument>.Filter;

        // Inserts create the documents the later phases read and update.
        results.Add(await Phase.RunAsync("insert", concurrency, ops, seconds, i => products.InsertOneAsync(new BsonDocument
        {
            { "_id", i },
            { "sku", $"SKU-{i:D8}" },
            { "name", $"Product {i}" },
            { "price", new BsonDecimal128(9.99m + i % 100) },
            { "quantity", 1_000_000 },
        })));
        var inserted = results[^1].Count; // _ids 0..inserted-1 exist

        results.Add(await Phase.RunAsync("find by _id", concurrency, ops, seconds, async i =>
        {
            var doc = await products.Find(filter.Eq("_id", i % inserted)).FirstOrDefaultAsync();
            if (doc is null) throw new InvalidOperationException($"document {i % inserted} missing");
        }));

        results.Add(await Phase.RunAsync("conditional $inc by _id", concurrency, ops, seconds, async i =>
        {
            var r = await products.UpdateOneAsync(
                filter.Eq("_id", i % inserted) & filter.Gte("quantity", 1),
                Builders<BsonDocument>.Update.Inc("quantity", -1));
            if (r.ModifiedCount != 1) throw new InvalidOperationException("conditional update did not apply");
        }));
    }
}
finally
{
    await client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName);
}

Console.WriteLine();
Console.WriteLine($"{"operation",-26} {"tasks",5} {"ops",7} {"ops/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
Console.WriteLine(new string('-', 76));
foreach (var r in results)
{
    Console.WriteLine($"{r.Name,-26} {r.Concurrency,5} {r.Count,7} {r.OpsPerSecond,9:F0} {r.P50,8:F3} {r.P95,8:F3} {r.P99,8:F3}");
}

return 0;

internal sealed record PhaseResult(string Name, int Concurrency, int Count, double OpsPerSecond, double P50, double P95, double P99);

internal static class Phase
{
    /// <summary>
    /// Runs <paramref name="operation"/> for indexes 0..ops-1 spread over
    /// <paramref name="concurrency"/> tasks, stopping early at the time limit.
    /// </summary>
    public static async Task<PhaseResult> RunAsync(string name, int concurrency, int ops, double seconds, Func<int, Task> operation)
    {
        // Warm-up: connections opened, code paths jitted; not measured. Indexes
        // above the measured range keep warm-up inserts from colliding.
        for (var w = 0; w < 50; w++)
        {
            await operation(name == "insert" ? int.MaxValue - w : w);
        }

        var next = -1;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var total = Stopwatch.StartNew();
        var perTask = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < ops && Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return latencies;
        })));
        total.Stop();

        var all = perTask.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        var result = new PhaseResult(name, concurrency, all.Length, all.Length / total.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99));
        Console.WriteLine($"{result.Name} x{result.Concurrency}: {result.OpsPerSecond:F0} ops/s");
        return result;
    }
}
