namespace MicroShop.Bench.Reporting;

// The targets (2 cores, local mode), in one place for the summary, the overload verdicts and the chart: each a
// direction and a threshold, so its printed text and its test cannot disagree.
public static class Targets
{
    public static Goal SustainedOrdersPerSecond { get; } = Goal.AtLeast(250, "F0");
    public static Goal SystemCpuMsPerOrder { get; } = Goal.AtMost(6, "F0", " ms");
    public static Goal HalfSaturationOutcomeP99Ms { get; } = Goal.Below(100, "F0", " ms");
    public static Goal HalfSaturationPostP99Ms { get; } = Goal.Below(50, "F0", " ms");
    public static Goal SagaToCeilingRatio { get; } = Goal.AtLeast(0.75, "P0");
    public static Goal OverloadGoodputRatio { get; } = Goal.AtLeast(0.9, "P0");
    public static Goal RefusalP99Ms { get; } = Goal.Below(50, "F0", " ms");
    public static Goal GatewayToDirectRatio { get; } = Goal.AtLeast(0.75, "P0");
    public static Goal CachedGatewayToDirectRatio { get; } = Goal.AtLeast(3, "F0", "x");
    public static Goal IdleCoresPerService { get; } = Goal.Below(0.02, "F2", " each");
}
