using System.Diagnostics;
using System.Globalization;

namespace MicroShop.Bench.Hosting;

// Waits until no part of the application is busy on its own: after a start and the seed, the services go on compiling
// their start-up code for several seconds (the Gateway took a quarter of a core through the first floor, which it is no
// part of), and a floor measured meanwhile measures that as well.
public static class QuietMachine
{
    // Above what any part spends with no traffic (the bench's idle figures: at most 0.02 of a core).
    private const double BusyCores = 0.05;

    public static async Task WaitAsync(CpuWatch cpu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var previous = cpu.Sample();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var current = cpu.Sample();
            var busy = current.Since(previous, 0).Cores.Where(part => part.Key != CpuWatch.BenchTool && part.Value >= BusyCores).ToList();
            previous = current;
            if (busy.Count == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quiet after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s"));
                return;
            }

            Console.WriteLine("settling: " + string.Join(", ", busy.Select(part => string.Create(CultureInfo.InvariantCulture, $"{part.Key} {part.Value:F2}"))));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"still busy after {timeout.TotalSeconds:F0} s; the floors start anyway"));
    }
}
