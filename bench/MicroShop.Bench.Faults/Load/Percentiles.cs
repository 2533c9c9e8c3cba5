namespace MicroShop.Bench.Load;

public static class Percentiles
{
    // Nearest-rank percentile of values sorted ascending; 0 for none.
    public static double Of(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static LatencySummary Summarize(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new LatencySummary(sorted.Length, Of(sorted, 50), Of(sorted, 95), Of(sorted, 99), sorted.Length == 0 ? 0 : sorted[^1]);
    }
}
