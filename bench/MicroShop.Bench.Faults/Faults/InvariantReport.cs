namespace MicroShop.Bench.Faults;

// What the saga's invariants looked like once the accepted orders had settled. Each count is a violation.
public sealed record InvariantReport(
    int Orders,
    int StillPending,
    int ReservedTwice,
    int StatusMismatches,
    int ProductsOutOfBalance,
    long DeadLettersAdded,
    IReadOnlyList<string> Details)
{
    public bool Held => StillPending == 0 && ReservedTwice == 0 && StatusMismatches == 0 && ProductsOutOfBalance == 0 && DeadLettersAdded == 0;

    // One line: "held", or every violation with the first details.
    public string Describe() =>
        Held
            ? "held"
            : $"VIOLATED (pending {StillPending}, reserved twice {ReservedTwice}, status mismatches {StatusMismatches}, " +
              $"products out of balance {ProductsOutOfBalance}, dead letters {DeadLettersAdded}; {string.Join("; ", Details)})";
}
