namespace MicroShop.Bench.Reporting;

public sealed record BenchSettings(
    IReadOnlyList<int> Rates,
    double StepSeconds,
    IReadOnlyList<int> OverloadMultiples,
    double OverloadSeconds,
    double FloorSeconds,
    int MaxInFlight,
    double ScarceShare,
    int ScarceStock,
    string OutcomeSource,
    string Target);
