using System.Globalization;

namespace MicroShop.Bench.Load;

// When a step shows the system no longer keeps up; the ladder stops after the first such step.
public static class Saturation
{
    private const double MinimumAchievedShare = 0.9;
    private const double MaximumErrorShare = 0.01;
    private const double MaximumRefusedShare = 0.01;
    private const double MaximumP99Ms = 1_000;

    public static string? Diagnose(
        int offeredRate, long sent, long dropped, long errors, long refused, double achievedPerSecond, long accepted, long unresolved, double p99Ms)
    {
        List<string> reasons = [];
        if (dropped > 0)
        {
            reasons.Add($"{dropped} sends dropped at the in-flight cap");
        }

        if (errors > MaximumErrorShare * Math.Max(1, sent))
        {
            reasons.Add($"{errors} errors in {sent} sends");
        }

        // Refusals are the system protecting itself, not errors; but one that refuses its offered load has reached its limit.
        if (refused > MaximumRefusedShare * Math.Max(1, sent))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"refused {refused} ({(double)refused / Math.Max(1, sent):P1})"));
        }

        if (achievedPerSecond < MinimumAchievedShare * offeredRate)
        {
            reasons.Add($"outcomes {achievedPerSecond:F0}/s < {MinimumAchievedShare:P0} of offered");
        }

        if (unresolved > MaximumErrorShare * Math.Max(1, accepted))
        {
            reasons.Add($"{unresolved} accepted orders without an outcome after the drain");
        }

        if (p99Ms > MaximumP99Ms)
        {
            reasons.Add($"p99 {p99Ms:F0} ms > {MaximumP99Ms:F0} ms");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
