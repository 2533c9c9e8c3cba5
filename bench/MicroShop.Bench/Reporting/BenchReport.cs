using MicroShop.Bench.Faults;
using MicroShop.Bench.Floor;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Reporting;

public sealed record BenchReport(
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    BenchSettings Settings,
    BenchSummary Summary,
    IReadOnlyDictionary<string, double> IdleCores,
    IReadOnlyList<FloorResult> Floors,
    IReadOnlyList<StepResult> WarmUpSteps,
    IReadOnlyList<StepResult> Steps,
    IReadOnlyList<StepResult> OverloadSteps,
    InvariantReport Invariants);
