using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MicroShop.Bench.Hosting;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Floor;

// N workers repeat one operation for a fixed time; operations/s over that time is the measure.
public static class ClosedLoop
{
    // Long enough for the code a loop runs to reach its optimized tier: in a Gateway floor after a 2 s warm-up, the
    // JIT still took a fifth to a third of the Gateway's samples for five more seconds (bench/JOURNAL.md, item 55).
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    // operation(worker, sequence) runs one unit of work.
    public static async Task<FloorResult> RunAsync(
        string name, string unit, int workers, TimeSpan duration, Func<int, long, Task> operation, CpuWatch cpu,
        CancellationToken cancellationToken)
    {
        // Connections opened, code paths jitted, caches warm: not measured.
        await RunWorkersAsync(workers, WarmUp, operation, new ConcurrentDictionary<string, int>(), cancellationToken);

        var errors = new ConcurrentDictionary<string, int>();
        var cpuStart = cpu.Sample();
        var started = Stopwatch.GetTimestamp();
        var latencies = await RunWorkersAsync(workers, duration, operation, errors, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var all = latencies.SelectMany(list => list).ToList();
        var used = cpu.Sample().Since(cpuStart, all.Count);
        var result = new FloorResult(name, unit, workers, all.Count, all.Count / seconds, Percentiles.Summarize(all), errors, used);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: {name,-44} {result.PerSecond,9:F0} {unit}/s  p50 {result.Latency.P50,6:F2} ms  p99 {result.Latency.P99,6:F2} ms  " +
            $"({workers} workers, errors {errors.Values.Sum()}; {used.MachineCores:F2} cores busy)"));
        return result;
    }

    private static Task<List<double>[]> RunWorkersAsync(
        int workers, TimeSpan duration, Func<int, long, Task> operation, ConcurrentDictionary<string, int> errors,
        CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = 0;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, Interlocked.Increment(ref sequence));
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
                }
            }

            return latencies;
        }, cancellationToken)));
    }
}
