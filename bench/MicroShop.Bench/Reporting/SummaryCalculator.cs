using MicroShop.Bench.Floor;
using MicroShop.Bench.Hosting;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Reporting;

public static class SummaryCalculator
{
    public static BenchSummary Summarize(
        IReadOnlyList<FloorResult> floors, LadderResult ladder, IReadOnlyDictionary<string, double> servicePeaks)
    {
        var steps = ladder.Steps;
        var keptUp = steps.Where(step => step.Saturation is null).ToList();
        var saturationRate = steps.FirstOrDefault(step => step.Saturation is not null)?.OfferedRate;
        var best = keptUp.MaxBy(step => step.AchievedPerSecond);
        var sustained = best?.AchievedPerSecond ?? 0;

        var ceiling = CompositeCeiling.From(floors);
        var direct = floors.FirstOrDefault(floor => floor.Name == FloorNames.DirectRead)?.PerSecond ?? 0;
        var throughGateway = floors.FirstOrDefault(floor => floor.Name == FloorNames.GatewayRead)?.PerSecond ?? 0;
        var fromCache = floors.FirstOrDefault(floor => floor.Name == FloorNames.CachedGatewayRead)?.PerSecond ?? 0;

        // "Half the saturation rate": the highest step at or below it (the ladder's top when it never saturated).
        var halfRate = (saturationRate ?? steps.Select(step => step.OfferedRate).DefaultIfEmpty(0).Max()) / 2.0;
        var halfStep = keptUp.Where(step => step.OfferedRate <= halfRate).MaxBy(step => step.OfferedRate);

        // What the system costs per order: the tool's own work is the load, not the system; "not ours" is not counted
        // in any part, so the sum of the parts is the system's alone.
        var systemCpu = best is null ? (double?)null
            : Math.Round(best.Cpu.MsPerOrder.Where(part => part.Key != CpuWatch.BenchTool).Sum(part => part.Value), 2);

        var refusing = steps.Concat(ladder.OverloadSteps).Where(step => step.RefusalLatency.Count > 0).ToList();

        return new BenchSummary(
            sustained,
            steps.Select(step => step.AchievedPerSecond).DefaultIfEmpty(0).Max(),
            saturationRate,
            best?.OfferedRate,
            systemCpu,
            ceiling,
            ceiling.OrdersPerSecond is { } perSecond ? sustained / perSecond : null,
            halfStep?.OfferedRate,
            halfStep?.OutcomeLatency.P99,
            halfStep?.AcceptLatency.P99,
            keptUp.Sum(step => (long)step.Errors.Values.Sum()),
            ladder.OverloadBaseRate,
            [.. ladder.OverloadSteps.Select(step => OverloadFigures.Judge(step, ladder.OverloadBaseRate ?? step.OfferedRate, sustained))],
            refusing.Count == 0 ? null : refusing.Max(step => step.RefusalLatency.P99),
            direct,
            throughGateway,
            direct > 0 ? throughGateway / direct : 0,
            fromCache,
            direct > 0 ? fromCache / direct : 0,
            servicePeaks);
    }
}
