using System.Globalization;
using System.Text;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Reporting;

// The end-of-run tables, in Markdown so that the same text reads in a terminal and pastes into the README.
public static class SummaryTable
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

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
        Line($"| Offered orders/s | accepted/s | refused/s | outcomes/s | reserved / failed / none | outcome p50 / p95 / p99 / max ms | POST p99 ms | refusal p99 ms | errors | dropped | saturated |");
        Line($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var step in report.Steps)
        {
            var latency = step.OutcomeLatency;
            Line($"| {step.OfferedRate} | {step.AcceptedPerSecond:F0} | {step.RefusedPerSecond:F0} | {step.AchievedPerSecond:F0} | {step.Reserved} / {step.Failed} / {step.Unresolved} | {latency.P50:F1} / {latency.P95:F1} / {latency.P99:F1} / {latency.Max:F0} | {step.AcceptLatency.P99:F1} | {step.RefusalLatency.P99:F1} | {Errors(step)} | {step.Dropped} | {step.Saturation ?? "no"} |");
        }

        if (report.OverloadSteps.Count > 0)
        {
            Line($"");
            Line($"Overload, from {(summary.SaturationRate is null ? "the ladder's top rate" : "the saturation rate")} {summary.OverloadBaseRate}/s; peak sustained {summary.SustainedOrdersPerSecond:F0}/s:");
            Line($"");
            Line($"| Overload | offered/s | accepted/s | refused/s | goodput/s | goodput ÷ peak sustained | refusal p99 ms | POST p99 ms | unresolved after drain | errors | dropped | peak RSS MiB | verdict |");
            Line($"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
            foreach (var (step, figures) in report.OverloadSteps.Zip(summary.Overload))
            {
                var rss = string.Join(", ", step.PeakResidentMiB.Select(peak => Text($"{peak.Key} {peak.Value:F0}")));
                var verdict = figures.Passed ? "pass" : $"fail: {string.Join("; ", figures.Misses)}";
                Line($"| {figures.Multiple}x | {step.OfferedRate} | {step.AcceptedPerSecond:F0} | {step.RefusedPerSecond:F0} | {step.GoodputPerSecond:F0} | {figures.GoodputToPeakSustained:P0} | {step.RefusalLatency.P99:F1} | {step.AcceptLatency.P99:F1} | {step.Unresolved} | {Errors(step)} | {step.Dropped} | {rss} | {verdict} |");
            }

            Line($"");
            Line($"Pass: goodput {Targets.OverloadGoodputRatio.Text} of peak sustained, refusal p99 {Targets.RefusalP99Ms.Text}, no order unresolved after the drain, no errors.");
        }

        var cpuSteps = report.Steps.Select(step => (Label: Text($"{step.OfferedRate}"), step.Cpu))
            .Concat(report.OverloadSteps.Zip(summary.Overload, (step, figures) => (Label: Text($"{step.OfferedRate} ({figures.Multiple}x)"), step.Cpu)))
            .ToList();
        var parts = cpuSteps.SelectMany(step => step.Cpu.MsPerOrder.Keys).Distinct().ToList();
        if (parts.Count > 0)
        {
            Line($"");
            Line($"| Offered orders/s | machine busy cores | not ours | {string.Join(" | ", parts.Select(part => $"{part} ms CPU/order"))} |");
            Line($"| ---: | ---: | ---: | {string.Join(" | ", parts.Select(_ => "---:"))} |");
            foreach (var (label, cpu) in cpuSteps)
            {
                var perOrder = string.Join(" | ", parts.Select(part => cpu.MsPerOrder.GetValueOrDefault(part).ToString("F2", CultureInfo.InvariantCulture)));
                Line($"| {label} | {cpu.MachineCores:F2} | {cpu.OtherCores:F2} | {perOrder} |");
            }
        }

        Line($"");
        Line($"| Composite ceiling term | per order | floor per second | ms per order | share |");
        Line($"| --- | ---: | ---: | ---: | ---: |");
        foreach (var term in summary.CompositeCeiling.Terms)
        {
            Line($"| {term.Floor} | {term.Count:0.#} | {term.FloorPerSecond:F0} | {term.MsPerOrder:F3} | {term.Share:P0} |");
        }

        // Where the saga spends more than its floors: in the floors the tool does the clients' work that the services
        // do in the saga, so the services and the tool are compared together, the servers each on their own.
        var bestStep = report.Steps.FirstOrDefault(step => step.OfferedRate == summary.BestSustainedStepRate);
        var composite = summary.CompositeCeiling.CpuMsPerOrder;
        if (bestStep is not null && composite.Count > 0)
        {
            var saga = bestStep.Cpu.MsPerOrderWithNotOurs();
            Line($"");
            Line($"| CPU per order by part | composite (floors' CPU per operation × per order) | saga at {bestStep.OfferedRate}/s | saga − composite |");
            Line($"| --- | ---: | ---: | ---: |");
            void PartLine(string part, double atFloors, double inSaga) =>
                Line($"| {part} | {atFloors:F2} | {inSaga:F2} | {inSaga - atFloors:+0.00;-0.00;0.00} |");
            foreach (var part in composite.Keys.Union(saga.Keys))
            {
                PartLine(part, composite.GetValueOrDefault(part), saga.GetValueOrDefault(part));
            }

            PartLine("all", composite.Values.Sum(), saga.Values.Sum());
        }

        Line($"");
        Line($"| Figure | Value | Target | Met |");
        Line($"| --- | ---: | --- | --- |");
        foreach (var figure in TargetFigures.Of(report))
        {
            Line($"| {figure.Label} | {figure.Value} | {figure.Target} | {(figure.Met is { } met ? met ? "yes" : "no" : "")} |");
        }

        return text.ToString();
    }

    private static string Errors(StepResult step) =>
        step.Errors.Count == 0 ? "0" : string.Join(", ", step.Errors.Select(error => $"{error.Key}: {error.Value}"));
}
