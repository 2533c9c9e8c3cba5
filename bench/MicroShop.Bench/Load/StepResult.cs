using MicroShop.Bench.Hosting;

namespace MicroShop.Bench.Load;

// One rung of the ladder. AchievedPerSecond counts outcomes recorded in the step's last three quarters; Outcome latency
// runs from each order's scheduled send to its recorded outcome; Accept latency is the POST's own round trip.
public sealed record StepResult(
    int OfferedRate,
    double Seconds,
    long Sent,
    long Dropped,
    long Accepted,
    IReadOnlyDictionary<string, int> Errors,
    double AcceptedPerSecond,
    double AchievedPerSecond,
    int Reserved,
    int Failed,
    long Unresolved,
    LatencySummary OutcomeLatency,
    LatencySummary AcceptLatency,
    IReadOnlyDictionary<string, double> PeakResidentMiB,
    CpuUse Cpu,
    string? Saturation);
