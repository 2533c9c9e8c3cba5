namespace MicroShop.Bench.Reporting;

// The figures the issue asks for. SustainedOrdersPerSecond: the best outcome rate of a step that kept up;
// SaturationRate: the offered rate of the first step that did not (null: the ladder never saturated).
public sealed record BenchSummary(
    double SustainedOrdersPerSecond,
    double PeakOrdersPerSecond,
    int? SaturationRate,
    string FloorBottleneck,
    double FloorBottleneckPerSecond,
    double SagaToFloorRatio,
    int? HalfSaturationStepRate,
    double? HalfSaturationP99Ms,
    long ErrorsBelowSaturation,
    double DirectReadsPerSecond,
    double GatewayReadsPerSecond,
    double GatewayToDirectRatio,
    IReadOnlyDictionary<string, double> ServicePeakResidentMiB);
