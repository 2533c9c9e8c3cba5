namespace MicroShop.Bench.Reporting;

public sealed record BenchSettings(
    IReadOnlyList<int> Rates,
    double StepSeconds,
    IReadOnlyList<int> OverloadMultiples,
    double OverloadSeconds,
    double FloorSeconds,
    int FloorWorkers,
    int MaxInFlight,
    double ScarceShare,
    int ScarceStock,
    string OutcomeSource,
    string Target,
    // Orders' admission bound when the run set one (--max-pending-orders); null: the AppHost's default.
    int? MaxPendingOrders);
