namespace MicroShop.Bench.Faults;

// Rate: orders/s offered the whole run (open model), about half of saturation. Steady: load before each fault.
// Down: how long a killed resource stays down before the AppHost restarts it. Settle: how long accepted orders have
// to reach their outcome once the load pauses for the invariants.
public sealed record FaultRunOptions(
    int Rate,
    TimeSpan Steady,
    TimeSpan Down,
    TimeSpan RecoveryTimeout,
    TimeSpan SettleTimeout,
    IReadOnlyList<Fault> Faults)
{
    // The Gateway bearer token the run's client sends: staff, since it seeds the catalog and orders for many users.
    public string? AccessToken { get; init; }

    public static FaultRunOptions Default { get; } = new(
        100, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(2), Fault.All);
}
