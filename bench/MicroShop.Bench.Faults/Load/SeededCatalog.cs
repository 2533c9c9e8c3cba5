namespace MicroShop.Bench.Load;

// Plentiful products never run out during a run; the scarce one runs out early, so the orders that take it
// fail in Products and their other line's reservation is given back (the saga's compensation path). InitialStock: each
// product's quantity as seeded, against which the saga's invariants check that stock is conserved.
public sealed record SeededCatalog(IReadOnlyList<string> Plentiful, string Scarce, IReadOnlyDictionary<string, long> InitialStock);
