using System.Runtime.InteropServices;

namespace MicroShop.Bench.Reporting;

public sealed record MachineInfo(int Cores, double MemoryGiB, string OperatingSystem, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);
}
