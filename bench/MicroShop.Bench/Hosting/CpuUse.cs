namespace MicroShop.Bench.Hosting;

// Cores: CPU seconds per second of each part. OtherCores: the machine's busy cores not accounted for by any part
// (DCP, and whatever else runs on the machine), the measure of how quiet the machine was.
public sealed record CpuUse(
    IReadOnlyDictionary<string, double> Cores,
    IReadOnlyDictionary<string, double> MsPerOrder,
    double MachineCores,
    double OtherCores)
{
    // Each part's milliseconds per order, and the machine's other work as one more part ("not ours"), in proportion
    // to the parts' own.
    public IReadOnlyDictionary<string, double> MsPerOrderWithNotOurs()
    {
        var cores = Cores.Values.Sum();
        var notOurs = cores > 0 ? Math.Round(OtherCores * MsPerOrder.Values.Sum() / cores, 2) : 0;
        return MsPerOrder.Append(new(CpuWatch.NotOurs, notOurs)).ToDictionary(part => part.Key, part => part.Value);
    }
}
