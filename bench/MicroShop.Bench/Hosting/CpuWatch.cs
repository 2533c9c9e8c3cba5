using System.Diagnostics;
using System.Globalization;

namespace MicroShop.Bench.Hosting;

// CPU time of each part of the system (a resource's whole process tree: launcher, server, its workers), of this
// tool's own process, and of the whole machine, so a step can say where its cores went, including to work that
// is none of ours.
public sealed class CpuWatch(IReadOnlyDictionary<string, int> resourcePids)
{
    public const string BenchTool = "bench tool";

    // The machine's busy time that belongs to no part, as the reports name it.
    public const string NotOurs = "not ours";

    public CpuSample Sample()
    {
        var table = ProcessTable.Read();
        var seconds = resourcePids.ToDictionary(resource => resource.Key, resource => table.TreeCpuSeconds(resource.Value));
        // Only the tool's own process: the application it started runs below it (DCP launches every resource).
        seconds[BenchTool] = table.Processes.FirstOrDefault(process => process.Pid == Environment.ProcessId)?.CpuSeconds ?? 0;
        return new CpuSample(Stopwatch.GetTimestamp(), seconds, MachineBusySeconds());
    }

    // The first line of /proc/stat: user nice system idle iowait irq softirq steal ..., in 1/100 s; busy is all but idle and iowait.
    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = fields.Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Sum() - ticks[3] - ticks[4]) / 100.0;
    }
}
