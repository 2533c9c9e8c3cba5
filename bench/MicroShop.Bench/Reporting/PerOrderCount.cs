namespace MicroShop.Bench.Reporting;

// How many times one order needs the operation a floor measures.
public sealed record PerOrderCount(string Floor, double Count);
