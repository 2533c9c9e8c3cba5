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
            new("Saga orders/s sustained",
                Text($"Saga orders/s sustained (saturation at {(summary.SaturationRate is { } rate ? Text($"{rate}/s offered") : "none reached")})"),
                Text($"{sustained:F0}"), Text($"≥ {Targets.SustainedOrdersPerSecond:F0}"), sustained, "F0",
                sustained >= Targets.SustainedOrdersPerSecond),
            new("System CPU per order at the best sustained step (ms)",
                Text($"System CPU per order at the best sustained step ({At(summary.BestSustainedStepRate)}), without the tool and \"not ours\""),
                summary.SystemCpuMsPerOrder is { } cpuMs ? Text($"{cpuMs:F2} ms") : "n/a", Text($"≤ {Targets.SystemCpuMsPerOrder:F0} ms"),
                summary.SystemCpuMsPerOrder, "F2", Meets(summary.SystemCpuMsPerOrder, value => value <= Targets.SystemCpuMsPerOrder)),
            new("Composite ceiling (orders/s)", "Composite ceiling, 1 / Σ (per order ÷ floor)",
                summary.CompositeCeiling.OrdersPerSecond is { } ceiling ? Text($"{ceiling:F0}/s") : "not measured", "",
                summary.CompositeCeiling.OrdersPerSecond, "F0", null),
            new("Saga ÷ composite ceiling", "Saga ÷ composite ceiling",
                summary.SagaToCeilingRatio is { } ratio ? Text($"{ratio:P0}") : "n/a", Text($"≥ {Targets.SagaToCeilingRatio:P0}"),
                summary.SagaToCeilingRatio, "P0", Meets(summary.SagaToCeilingRatio, value => value >= Targets.SagaToCeilingRatio)),
            new("p99 outcome latency at half saturation (ms)",
                Text($"p99 outcome latency at half saturation ({At(summary.HalfSaturationStepRate)})"),
                summary.HalfSaturationP99Ms is { } p99 ? Text($"{p99:F1} ms") : "n/a", Text($"< {Targets.HalfSaturationOutcomeP99Ms:F0} ms"),
                summary.HalfSaturationP99Ms, "F1", Meets(summary.HalfSaturationP99Ms, value => value < Targets.HalfSaturationOutcomeP99Ms)),
            new("POST /orders p99 at half saturation (ms)",
                Text($"POST /orders p99 at half saturation ({At(summary.HalfSaturationStepRate)})"),
                summary.HalfSaturationPostP99Ms is { } postP99 ? Text($"{postP99:F1} ms") : "n/a", Text($"< {Targets.HalfSaturationPostP99Ms:F0} ms"),
                summary.HalfSaturationPostP99Ms, "F1", Meets(summary.HalfSaturationPostP99Ms, value => value < Targets.HalfSaturationPostP99Ms)),
            new("Errors below saturation", "Errors below saturation", Text($"{summary.ErrorsBelowSaturation}"), "0",
                summary.ErrorsBelowSaturation, "F0", summary.ErrorsBelowSaturation == 0),
        ];

        figures.AddRange(summary.Overload.Select(overload => new TargetFigure(
            Text($"Overload goodput ÷ peak sustained at {overload.Multiple}x"),
            Text($"Overload goodput ÷ peak sustained at {overload.Multiple}x ({overload.OfferedRate}/s)"),
            Text($"{overload.GoodputPerSecond:F0} / {sustained:F0} = {overload.GoodputToPeakSustained:P0}"),
            Text($"≥ {Targets.OverloadGoodputRatio:P0}"), overload.GoodputToPeakSustained, "P0",
            overload.GoodputToPeakSustained >= Targets.OverloadGoodputRatio)));

        var services = report.IdleCores.Where(part => AspireApp.Services.Contains(part.Key)).ToList();
        var peaks = summary.ServicePeakResidentMiB;
        figures.AddRange(
        [
            new("Refusal p99, slowest step that refused (ms)", "Refusal p99, slowest step that refused",
                summary.WorstRefusalP99Ms is { } refusalP99 ? Text($"{refusalP99:F1} ms") : "no refusals", Text($"< {Targets.RefusalP99Ms:F0} ms"),
                summary.WorstRefusalP99Ms, "F1", Meets(summary.WorstRefusalP99Ms, value => value < Targets.RefusalP99Ms)),
            new("Gateway reads/s ÷ direct gRPC reads/s", "Gateway reads/s ÷ direct gRPC reads/s",
                Text($"{summary.GatewayReadsPerSecond:F0} / {summary.DirectReadsPerSecond:F0} = {summary.GatewayToDirectRatio:P0}"),
                Text($"≥ {Targets.GatewayToDirectRatio:P0}"), summary.GatewayToDirectRatio, "P0",
                summary.GatewayToDirectRatio >= Targets.GatewayToDirectRatio),
            new("Cached Gateway reads/s ÷ direct gRPC reads/s", "Cached Gateway reads/s ÷ direct gRPC reads/s",
                Text($"{summary.CachedGatewayReadsPerSecond:F0} / {summary.DirectReadsPerSecond:F0} = {summary.CachedGatewayToDirectRatio:F1}x"),
                Text($"≥ {Targets.CachedGatewayToDirectRatio:F0}x"), summary.CachedGatewayToDirectRatio, "0.0x",
                summary.CachedGatewayToDirectRatio >= Targets.CachedGatewayToDirectRatio),
            new("Idle cores of the busiest service (no traffic)", "Idle cores per service (no traffic)",
                string.Join(", ", services.Select(part => Text($"{part.Key} {part.Value:F3}"))), Text($"< {Targets.IdleCoresPerService:F2} each"),
                services.Count == 0 ? null : services.Max(part => part.Value), "F3",
                services.Count == 0 ? null : services.All(part => part.Value < Targets.IdleCoresPerService)),
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

    private static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    // Nothing measured is neither met nor missed.
    private static bool? Meets(double? value, Func<double, bool> target) => value is { } measured ? target(measured) : null;

    private static string At(int? rate) => rate is { } offered ? $"{offered}/s" : "no step";
}
