namespace MicroShop.Bench.Reporting;

// The targets (2 cores, local mode), in one place for the summary, the overload verdicts and the chart.
public static class Targets
{
    public const double SustainedOrdersPerSecond = 250;
    public const double SystemCpuMsPerOrder = 6;
    public const double HalfSaturationOutcomeP99Ms = 100;
    public const double HalfSaturationPostP99Ms = 50;
    public const double SagaToCeilingRatio = 0.75;
    public const double OverloadGoodputRatio = 0.9;
    public const double RefusalP99Ms = 50;
    public const double GatewayToDirectRatio = 0.75;
    public const double CachedGatewayToDirectRatio = 3;
    public const double IdleCoresPerService = 0.02;
}
