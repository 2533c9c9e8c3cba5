namespace MicroShop.Bench.Load;

// WarmUpSteps: the unmeasured warm-up and climb, kept to show what fresh processes pay. Steps: the ladder up to its
// first saturated step. OverloadSteps: the steps past it, at multiples of OverloadBaseRate (the saturation rate, or
// the ladder's top rate when it never saturated); null when none ran.
public sealed record LadderResult(
    IReadOnlyList<StepResult> WarmUpSteps, IReadOnlyList<StepResult> Steps, int? OverloadBaseRate, IReadOnlyList<StepResult> OverloadSteps);
