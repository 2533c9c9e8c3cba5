namespace MicroShop.Bench.Hosting;

// Cores: CPU seconds per second of each part. OtherCores: the machine's busy cores not accounted for by any part
// (DCP, and whatever else runs on the machine), the measure of how quiet the machine was.
public sealed record CpuUse(
    IReadOnlyDictionary<string, double> Cores,
    IReadOnlyDictionary<string, double> MsPerOrder,
    double MachineCores,
    double OtherCores)
{
    // The machine's other work in milliseconds per order, in proportion to the parts' own.
    public double OtherMsPerOrder
    {
        get
        {
            var cores = Cores.Values.Sum();
            return cores > 0 ? Math.Round(OtherCores * MsPerOrder.Values.Sum() / cores, 2) : 0;
        }
    }
}
