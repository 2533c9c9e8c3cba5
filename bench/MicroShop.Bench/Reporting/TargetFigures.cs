using System.Globalization;
using MicroShop.Bench.Hosting;

namespace MicroShop.Bench.Reporting;

// The figures of one run against their targets: the end of the run's summary, and what the scorecard compares.
public static class TargetFigures
{
    public static IReadOnlyList<TargetFigure> Of(BenchReport report)
    {
        var summary = report.Summary;
        var sustained = summary.SustainedOrdersPerSecond;
        List<TargetFigure> figures =
        [
            Judged("Saga orders/s sustained",
                Text($"Saga orders/s sustained (saturation at {(summary.SaturationRate is { } rate ? Text($"{rate}/s offered") : "none reached")})"),
                Text($"{sustained:F0}"), sustained, "F0", Targets.SustainedOrdersPerSecond),
            Judged("System CPU per order at the best sustained step (ms)",
                Text($"System CPU per order at the best sustained step ({At(summary.BestSustainedStepRate)}), without the tool and \"not ours\""),
                summary.SystemCpuMsPerOrder is { } cpuMs ? Text($"{cpuMs:F2} ms") : "n/a", summary.SystemCpuMsPerOrder, "F2",
                Targets.SystemCpuMsPerOrder),
            new("Composite ceiling (orders/s)", "Composite ceiling, 1 / Σ (per order ÷ floor)",
                summary.CompositeCeiling.OrdersPerSecond is { } ceiling ? Text($"{ceiling:F0}/s") : "not measured", "",
                summary.CompositeCeiling.OrdersPerSecond, "F0", null),
            Judged("Saga ÷ composite ceiling", "Saga ÷ composite ceiling",
                summary.SagaToCeilingRatio is { } ratio ? Text($"{ratio:P0}") : "n/a", summary.SagaToCeilingRatio, "P0",
                Targets.SagaToCeilingRatio),
            Judged("p99 outcome latency at half saturation (ms)",
                Text($"p99 outcome latency at half saturation ({At(summary.HalfSaturationStepRate)})"),
                summary.HalfSaturationP99Ms is { } p99 ? Text($"{p99:F1} ms") : "n/a", summary.HalfSaturationP99Ms, "F1",
                Targets.HalfSaturationOutcomeP99Ms),
            Judged("POST /orders p99 at half saturation (ms)",
                Text($"POST /orders p99 at half saturation ({At(summary.HalfSaturationStepRate)})"),
                summary.HalfSaturationPostP99Ms is { } postP99 ? Text($"{postP99:F1} ms") : "n/a", summary.HalfSaturationPostP99Ms, "F1",
                Targets.HalfSaturationPostP99Ms),
            new("Errors below saturation", "Errors below saturation", Text($"{summary.ErrorsBelowSaturation}"), "0",
                summary.ErrorsBelowSaturation, "F0", summary.ErrorsBelowSaturation == 0),
        ];

        figures.AddRange(summary.Overload.Select(overload => Judged(
            Text($"Overload goodput ÷ peak sustained at {overload.Multiple}x"),
            Text($"Overload goodput ÷ peak sustained at {overload.Multiple}x ({overload.OfferedRate}/s)"),
            Text($"{overload.GoodputPerSecond:F0} / {sustained:F0} = {overload.GoodputToPeakSustained:P0}"),
            overload.GoodputToPeakSustained, "P0", Targets.OverloadGoodputRatio)));

        var services = report.IdleCores.Where(part => AspireApp.Services.Contains(part.Key)).ToList();
        var peaks = summary.ServicePeakResidentMiB;
        figures.AddRange(
        [
            Judged("Refusal p99, slowest step that refused (ms)", "Refusal p99, slowest step that refused",
                summary.WorstRefusalP99Ms is { } refusalP99 ? Text($"{refusalP99:F1} ms") : "no refusals", summary.WorstRefusalP99Ms, "F1",
                Targets.RefusalP99Ms),
            Judged("Gateway reads/s ÷ direct gRPC reads/s", "Gateway reads/s ÷ direct gRPC reads/s",
                Text($"{summary.GatewayReadsPerSecond:F0} / {summary.DirectReadsPerSecond:F0} = {summary.GatewayToDirectRatio:P0}"),
                summary.GatewayToDirectRatio, "P0", Targets.GatewayToDirectRatio),
            Judged("Cached Gateway reads/s ÷ direct gRPC reads/s", "Cached Gateway reads/s ÷ direct gRPC reads/s",
                Text($"{summary.CachedGatewayReadsPerSecond:F0} / {summary.DirectReadsPerSecond:F0} = {summary.CachedGatewayToDirectRatio:F1}x"),
                summary.CachedGatewayToDirectRatio, "0.0x", Targets.CachedGatewayToDirectRatio),
            // Every service is under the target when the busiest one is.
            Judged("Idle cores of the busiest service (no traffic)", "Idle cores per service (no traffic)",
                string.Join(", ", services.Select(part => Text($"{part.Key} {part.Value:F3}"))),
                services.Count == 0 ? null : services.Max(part => part.Value), "F3", Targets.IdleCoresPerService),
        ]);

        // Runs from before the invariants were checked (item 62) have none.
        if (report.Invariants is { } invariants)
        {
            figures.Add(new("Saga invariants (orders checked)", Text($"Saga invariants over the run's {invariants.Orders} accepted orders"),
                invariants.Describe(), "settled, none reserved twice, statuses as reservations, stock conserved, no dead letters",
                invariants.Orders, "F0", invariants.Held));
        }

        figures.Add(new("Peak resident memory of the largest service (MiB)", "Peak resident memory (VmHWM)",
            string.Join(", ", peaks.Select(peak => Text($"{peak.Key} {peak.Value:F0} MiB"))), "bounded",
            peaks.Count == 0 ? null : peaks.Values.Max(), "F0", null));
        return figures;
    }

    // A figure judged against its goal: the target text and the verdict from the one statement of the target.
    private static TargetFigure Judged(string name, string label, string value, double? measured, string format, Goal goal) =>
        new(name, label, value, goal.Text, measured, format, goal.Meets(measured));

    private static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string At(int? rate) => rate is { } offered ? $"{offered}/s" : "no step";
}
