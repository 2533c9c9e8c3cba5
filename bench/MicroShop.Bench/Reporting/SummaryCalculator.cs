using MicroShop.Bench.Floor;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Reporting;

public static class SummaryCalculator
{
    public static BenchSummary Summarize(
        IReadOnlyList<FloorResult> floors, IReadOnlyList<StepResult> steps, IReadOnlyDictionary<string, double> servicePeaks)
    {
        var keptUp = steps.Where(step => step.Saturation is null).ToList();
        var saturationRate = steps.FirstOrDefault(step => step.Saturation is not null)?.OfferedRate;
        var sustained = keptUp.Count == 0 ? 0 : keptUp.Max(step => step.AchievedPerSecond);

        var bottleneck = floors.Where(floor => FloorNames.SagaFloors.Contains(floor.Name)).MinBy(floor => floor.PerSecond);
        var direct = floors.FirstOrDefault(floor => floor.Name == FloorNames.DirectRead)?.PerSecond ?? 0;
        var throughGateway = floors.FirstOrDefault(floor => floor.Name == FloorNames.GatewayRead)?.PerSecond ?? 0;

        // "Half the saturation rate": the highest step at or below it (the ladder's top when it never saturated).
        var halfRate = (saturationRate ?? steps.Select(step => step.OfferedRate).DefaultIfEmpty(0).Max()) / 2.0;
        var halfStep = keptUp.Where(step => step.OfferedRate <= halfRate).MaxBy(step => step.OfferedRate);

        return new BenchSummary(
            sustained,
            steps.Select(step => step.AchievedPerSecond).DefaultIfEmpty(0).Max(),
            saturationRate,
            bottleneck?.Name ?? "none measured",
            bottleneck?.PerSecond ?? 0,
            bottleneck is { PerSecond: > 0 } ? sustained / bottleneck.PerSecond : 0,
            halfStep?.OfferedRate,
            halfStep?.OutcomeLatency.P99,
            keptUp.Sum(step => (long)step.Errors.Values.Sum()),
            direct,
            throughGateway,
            direct > 0 ? throughGateway / direct : 0,
            servicePeaks);
    }
}
