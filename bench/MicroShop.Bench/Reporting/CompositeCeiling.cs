using MicroShop.Bench.Floor;

namespace MicroShop.Bench.Reporting;

// The orders/s the infrastructure allows when each order uses every floor's operation its count of times and the
// servers share the machine's time, as they share its two cores: 1 / Σ (countᵢ / floorᵢ). OrdersPerSecond is null
// when a floor was not measured.
public sealed record CompositeCeiling(double? OrdersPerSecond, IReadOnlyList<CeilingTerm> Terms)
{
    public static CompositeCeiling From(IReadOnlyList<FloorResult> floors)
    {
        var rates = PerOrderCounts.All
            .Select(count => (count.Floor, count.Count, PerSecond: floors.FirstOrDefault(floor => floor.Name == count.Floor)?.PerSecond ?? 0))
            .ToList();
        if (rates.Any(rate => rate.PerSecond <= 0))
        {
            return new CompositeCeiling(null, [.. rates.Select(rate => new CeilingTerm(rate.Floor, rate.Count, rate.PerSecond, 0, 0))]);
        }

        var secondsPerOrder = rates.Sum(rate => rate.Count / rate.PerSecond);
        return new CompositeCeiling(
            1 / secondsPerOrder,
            [.. rates.Select(rate => new CeilingTerm(
                rate.Floor, rate.Count, rate.PerSecond, rate.Count / rate.PerSecond * 1000, rate.Count / rate.PerSecond / secondsPerOrder))]);
    }
}
