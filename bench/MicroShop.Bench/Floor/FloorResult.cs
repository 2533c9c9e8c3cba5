using MicroShop.Bench.Hosting;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Floor;

// One closed-loop measurement: Workers loops, each starting its next operation when the last one finished. Cpu: each
// part's cores over the measured time, and its CPU milliseconds per operation.
public sealed record FloorResult(
    string Name,
    string Unit,
    int Workers,
    long Operations,
    double PerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, int> Errors,
    CpuUse Cpu);
