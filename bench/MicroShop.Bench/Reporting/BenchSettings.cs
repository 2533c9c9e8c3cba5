namespace MicroShop.Bench.Reporting;

public sealed record BenchSettings(
    IReadOnlyList<int> Rates,
    double StepSeconds,
    double FloorSeconds,
    int MaxInFlight,
    double ScarceShare,
    int ScarceStock,
    string OutcomeSource,
    string Target);
