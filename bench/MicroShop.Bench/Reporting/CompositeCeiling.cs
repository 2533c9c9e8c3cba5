using MicroShop.Bench.Floor;
using MicroShop.Bench.Hosting;

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
        var measured = PerOrderCounts.All
            .Select(count => (count.Floor, count.Count, Result: floors.FirstOrDefault(floor => floor.Name == count.Floor)))
            .ToList();
        var rates = measured.Select(term => (term.Floor, term.Count, PerSecond: term.Result?.PerSecond ?? 0)).ToList();
        if (rates.Any(rate => rate.PerSecond <= 0))
        {
            return new CompositeCeiling(
                null, [.. rates.Select(rate => new CeilingTerm(rate.Floor, rate.Count, rate.PerSecond, 0, 0))], new Dictionary<string, double>());
        }

        var cpu = measured
            .SelectMany(term => term.Result!.Cpu.MsPerOrder.Append(new(CpuWatch.NotOurs, term.Result.Cpu.OtherMsPerOrder))
                .Select(part => (part.Key, Ms: term.Count * part.Value)))
            .GroupBy(part => part.Key)
            .ToDictionary(part => part.Key, part => Math.Round(part.Sum(term => term.Ms), 2));

        var secondsPerOrder = rates.Sum(rate => rate.Count / rate.PerSecond);
        return new CompositeCeiling(
            1 / secondsPerOrder,
            [.. rates.Select(rate => new CeilingTerm(
                rate.Floor, rate.Count, rate.PerSecond, rate.Count / rate.PerSecond * 1000, rate.Count / rate.PerSecond / secondsPerOrder))],
            cpu);
    }
}
