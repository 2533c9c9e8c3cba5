namespace MicroShop.Bench.Reporting;

// The figures the issue asks for. SustainedOrdersPerSecond: the best outcome rate of a step that kept up (at
// BestSustainedStepRate); SaturationRate: the offered rate of the first step that did not (null: the ladder never
// saturated). SystemCpuMsPerOrder: at the best sustained step, every part's CPU but the tool's and the machine's
// other work. HalfSaturation*: the highest step at or below half the saturation rate. Overload: the steps past
// saturation, at multiples of OverloadBaseRate. WorstRefusalP99Ms: the slowest refusal p99 of any step that refused.
public sealed record BenchSummary(
    double SustainedOrdersPerSecond,
    double PeakOrdersPerSecond,
    int? SaturationRate,
    int? BestSustainedStepRate,
    double? SystemCpuMsPerOrder,
    CompositeCeiling CompositeCeiling,
    double? SagaToCeilingRatio,
    int? HalfSaturationStepRate,
    double? HalfSaturationP99Ms,
    double? HalfSaturationPostP99Ms,
    long ErrorsBelowSaturation,
    int? OverloadBaseRate,
    IReadOnlyList<OverloadFigures> Overload,
    double? WorstRefusalP99Ms,
    double DirectReadsPerSecond,
    double GatewayReadsPerSecond,
    double GatewayToDirectRatio,
    double CachedGatewayReadsPerSecond,
    double CachedGatewayToDirectRatio,
    IReadOnlyDictionary<string, double> ServicePeakResidentMiB);
