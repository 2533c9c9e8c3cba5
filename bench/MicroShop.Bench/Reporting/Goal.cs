using System.Globalization;

namespace MicroShop.Bench.Reporting;

// A target stated once, as a direction and a threshold: the text a summary prints and the test of a measured value both
// come from it, so the two cannot say different things.
public sealed record Goal(GoalDirection Direction, double Threshold, string Format, string Suffix)
{
    public static Goal AtLeast(double threshold, string format, string suffix = "") => new(GoalDirection.AtLeast, threshold, format, suffix);

    public static Goal AtMost(double threshold, string format, string suffix = "") => new(GoalDirection.AtMost, threshold, format, suffix);

    public static Goal Below(double threshold, string format, string suffix = "") => new(GoalDirection.Below, threshold, format, suffix);

    public string Text =>
        $"{Direction switch { GoalDirection.AtLeast => "≥", GoalDirection.AtMost => "≤", _ => "<" }} "
        + Threshold.ToString(Format, CultureInfo.InvariantCulture) + Suffix;

    public bool IsMetBy(double value) => Direction switch
    {
        GoalDirection.AtLeast => value >= Threshold,
        GoalDirection.AtMost => value <= Threshold,
        _ => value < Threshold,
    };

    // Nothing measured is neither met nor missed.
    public bool? Meets(double? value) => value is { } measured ? IsMetBy(measured) : null;
}
