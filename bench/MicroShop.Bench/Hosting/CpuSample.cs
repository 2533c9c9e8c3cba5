using System.Diagnostics;

namespace MicroShop.Bench.Hosting;

public sealed record CpuSample(long Timestamp, IReadOnlyDictionary<string, double> Seconds, double MachineBusySeconds)
{
    // What was used between start and this sample: cores per part, and CPU milliseconds per order sent meanwhile.
    public CpuUse Since(CpuSample start, long orders)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        var used = Seconds.ToDictionary(part => part.Key, part => part.Value - start.Seconds.GetValueOrDefault(part.Key));
        var machine = (MachineBusySeconds - start.MachineBusySeconds) / wall;
        return new CpuUse(
            used.ToDictionary(part => part.Key, part => Math.Round(part.Value / wall, 3)),
            used.ToDictionary(part => part.Key, part => orders > 0 ? Math.Round(part.Value * 1000 / orders, 2) : 0),
            Math.Round(machine, 2),
            Math.Round(machine - used.Values.Sum() / wall, 2));
    }
}
