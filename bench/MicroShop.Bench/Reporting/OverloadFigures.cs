using System.Globalization;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Reporting;

// One overload step judged against the targets; Misses lists every target it missed.
public sealed record OverloadFigures(
    int Multiple,
    int OfferedRate,
    double GoodputPerSecond,
    double GoodputToPeakSustained,
    double RefusalP99Ms,
    long Unresolved,
    long Errors,
    IReadOnlyList<string> Misses)
{
    public bool Passed => Misses.Count == 0;

    public static OverloadFigures Judge(StepResult step, int baseRate, double peakSustained)
    {
        var ratio = peakSustained > 0 ? step.GoodputPerSecond / peakSustained : 0;
        var errors = step.Errors.Values.Sum();
        List<string> misses = [];
        if (!Targets.OverloadGoodputRatio.IsMetBy(ratio))
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture, $"goodput {ratio:P0} of peak sustained"));
        }

        if (!Targets.RefusalP99Ms.IsMetBy(step.RefusalLatency.P99))
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture, $"refusal p99 {step.RefusalLatency.P99:F1} ms"));
        }

        if (step.Unresolved > 0)
        {
            misses.Add($"{step.Unresolved} unresolved");
        }

        if (errors > 0)
        {
            misses.Add($"{errors} errors");
        }

        return new OverloadFigures(
            step.OfferedRate / Math.Max(1, baseRate), step.OfferedRate, step.GoodputPerSecond, ratio, step.RefusalLatency.P99,
            step.Unresolved, errors, misses);
    }
}
