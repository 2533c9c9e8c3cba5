using MicroShop.Bench.Hosting;

namespace MicroShop.Bench.Load;

// One step of load. AchievedPerSecond counts outcomes recorded in the step's last three quarters; Outcome latency
// runs from each order's scheduled send to its recorded outcome; Accept and Refusal latency are the POST's own
// round trip, for a 201 and for a well-formed 429/503.
public sealed record StepResult(
    int OfferedRate,
    double Seconds,
    long Sent,
    long Dropped,
    long Accepted,
    long Refused,
    IReadOnlyDictionary<string, int> Errors,
    double AcceptedPerSecond,
    double RefusedPerSecond,
    double AchievedPerSecond,
    int Reserved,
    int Failed,
    long Unresolved,
    LatencySummary OutcomeLatency,
    LatencySummary AcceptLatency,
    LatencySummary RefusalLatency,
    IReadOnlyDictionary<string, double> PeakResidentMiB,
    CpuUse Cpu,
    string? Saturation)
{
    // Only accepted orders are tracked to an outcome, so goodput is the achieved rate; under overload it is the
    // figure that matters, next to the refusals.
    public double GoodputPerSecond => AchievedPerSecond;
}
