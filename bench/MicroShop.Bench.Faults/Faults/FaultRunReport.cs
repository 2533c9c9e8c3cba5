namespace MicroShop.Bench.Faults;

public sealed record FaultRunReport(int Rate, IReadOnlyDictionary<string, int> Replicas, IReadOnlyList<FaultResult> Faults, InvariantReport Final)
{
    public bool InvariantsHeld => Final.Held && Faults.All(fault => fault.Invariants.Held);
}
