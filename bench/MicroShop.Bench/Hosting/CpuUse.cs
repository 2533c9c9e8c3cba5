namespace MicroShop.Bench.Hosting;

// Cores: CPU seconds per second of each part. OtherCores: the machine's busy cores not accounted for by any part
// (DCP, and whatever else runs on the machine), the measure of how quiet the machine was.
public sealed record CpuUse(
    IReadOnlyDictionary<string, double> Cores,
    IReadOnlyDictionary<string, double> MsPerOrder,
    double MachineCores,
    double OtherCores);
