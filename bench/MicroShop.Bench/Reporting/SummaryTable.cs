using System.Globalization;
using System.Text;

namespace MicroShop.Bench.Reporting;

// The end-of-run tables, in Markdown so that the same text reads in a terminal and pastes into the README.
public static class SummaryTable
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        var summary = report.Summary;
        Line($"Machine: {report.Machine.Cores} cores, {report.Machine.MemoryGiB} GiB, {report.Machine.OperatingSystem}, {report.Machine.Runtime}; outcomes from {report.Settings.OutcomeSource}");
        Line($"");
        Line($"| Floor (closed loop) | workers | per second | p50 ms | p99 ms | errors |");
        Line($"| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var floor in report.Floors)
        {
            Line($"| {floor.Name} | {floor.Workers} | {floor.PerSecond:F0} {floor.Unit} | {floor.Latency.P50:F2} | {floor.Latency.P99:F2} | {floor.Errors.Values.Sum()} |");
        }

        Line($"");
        Line($"| Offered orders/s | accepted/s | outcomes/s | reserved / failed / none | outcome p50 / p95 / p99 / max ms | POST p99 ms | errors | dropped | saturated |");
        Line($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var step in report.Steps)
        {
            var errors = step.Errors.Count == 0 ? "0" : string.Join(", ", step.Errors.Select(error => $"{error.Key}: {error.Value}"));
            var latency = step.OutcomeLatency;
            Line($"| {step.OfferedRate} | {step.AcceptedPerSecond:F0} | {step.AchievedPerSecond:F0} | {step.Reserved} / {step.Failed} / {step.Unresolved} | {latency.P50:F1} / {latency.P95:F1} / {latency.P99:F1} / {latency.Max:F0} | {step.AcceptLatency.P99:F1} | {errors} | {step.Dropped} | {step.Saturation ?? "no"} |");
        }

        var parts = report.Steps.SelectMany(step => step.Cpu.MsPerOrder.Keys).Distinct().ToList();
        if (parts.Count > 0)
        {
            Line($"");
            Line($"| Offered orders/s | machine busy cores | not ours | {string.Join(" | ", parts.Select(part => $"{part} ms CPU/order"))} |");
            Line($"| ---: | ---: | ---: | {string.Join(" | ", parts.Select(_ => "---:"))} |");
            foreach (var step in report.Steps)
            {
                var perOrder = string.Join(" | ", parts.Select(part => step.Cpu.MsPerOrder.GetValueOrDefault(part).ToString("F2", CultureInfo.InvariantCulture)));
                Line($"| {step.OfferedRate} | {step.Cpu.MachineCores:F2} | {step.Cpu.OtherCores:F2} | {perOrder} |");
            }
        }

        Line($"");
        Line($"| Figure | Value | Target |");
        Line($"| --- | ---: | --- |");
        Line($"| Saga orders/s sustained (saturation at {(summary.SaturationRate is { } rate ? $"{rate}/s offered" : "none reached")}) | {summary.SustainedOrdersPerSecond:F0} | |");
        Line($"| Floor bottleneck: {summary.FloorBottleneck} | {summary.FloorBottleneckPerSecond:F0}/s | |");
        Line($"| Saga ÷ floor bottleneck | {summary.SagaToFloorRatio:P0} | ≥ 50% |");
        Line($"| p99 outcome latency at half saturation ({(summary.HalfSaturationStepRate is { } half ? $"{half}/s" : "no step")}) | {(summary.HalfSaturationP99Ms is { } p99 ? $"{p99:F1} ms" : "n/a")} | < 100 ms |");
        Line($"| Errors below saturation | {summary.ErrorsBelowSaturation} | 0 |");
        Line($"| Gateway reads/s ÷ direct gRPC reads/s | {summary.GatewayReadsPerSecond:F0} / {summary.DirectReadsPerSecond:F0} = {summary.GatewayToDirectRatio:P0} | ≥ 75% |");
        Line($"| Peak resident memory (VmHWM) | {string.Join(", ", summary.ServicePeakResidentMiB.Select(peak => $"{peak.Key} {peak.Value:F0} MiB"))} | bounded |");
        return text.ToString();
    }
}
