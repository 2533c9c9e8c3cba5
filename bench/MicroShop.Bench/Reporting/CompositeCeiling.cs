using MicroShop.Bench.Floor;

namespace MicroShop.Bench.Reporting;

// The orders/s the infrastructure allows when each order uses every floor's operation its count of times and the
// servers share the machine's time, as they share its two cores: 1 / Σ (countᵢ / floorᵢ). OrdersPerSecond is null
// when a floor was not measured. CpuMsPerOrder: what those operations cost each part (the tool doing the clients' work,
// and "not ours") at the floors' own CPU per operation, Σ (countᵢ × msᵢ), to set against the saga's CPU per order.
public sealed record CompositeCeiling(
    double? OrdersPerSecond, IReadOnlyList<CeilingTerm> Terms, IReadOnlyDictionary<string, double> CpuMsPerOrder)
{
    public static CompositeCeiling From(IReadOnlyList<FloorResult> floors)
    {
        var terms = PerOrderCounts.All
            .Select(count => (count.Floor, count.Count, Result: floors.FirstOrDefault(floor => floor.Name == count.Floor)))
            .ToList();
        if (terms.Any(term => term.Result is not { PerSecond: > 0 }))
        {
            return new CompositeCeiling(
                null,
                [.. terms.Select(term => new CeilingTerm(term.Floor, term.Count, term.Result?.PerSecond ?? 0, 0, 0))],
                new Dictionary<string, double>());
        }

        // Seconds: what one order's share of this floor's operations takes of the machine's time.
        var measured = terms
            .Select(term => (term.Floor, term.Count, Result: term.Result!, Seconds: term.Count / term.Result!.PerSecond))
            .ToList();
        var cpu = measured
            .SelectMany(term => term.Result.Cpu.MsPerOrderWithNotOurs().Select(part => (part.Key, Ms: term.Count * part.Value)))
            .GroupBy(part => part.Key)
            .ToDictionary(part => part.Key, part => Math.Round(part.Sum(term => term.Ms), 2));

        var secondsPerOrder = measured.Sum(term => term.Seconds);
        return new CompositeCeiling(
            1 / secondsPerOrder,
            [.. measured.Select(term => new CeilingTerm(
                term.Floor, term.Count, term.Result.PerSecond, term.Seconds * 1000, term.Seconds / secondsPerOrder))],
            cpu);
    }
}
