namespace MicroShop.Bench.Reporting;

// One of the figures in one run. Label, Value and Target as the run's summary prints them; Name the same in every
// run, Measured the number behind Value (printed with Format) and Met whether it meets Target, for comparing runs (the
// scorecard). Met is null for a figure without a measured value or without a target to meet.
public sealed record TargetFigure(string Name, string Label, string Value, string Target, double? Measured, string Format, bool? Met);
