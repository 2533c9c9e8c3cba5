namespace MicroShop.Bench.Hosting;

// Samples each service's resident set; the ladder keeps the highest sample of each step.
public sealed class MemoryWatch(IReadOnlyDictionary<string, int> servicePids)
{
    public Dictionary<string, double> SampleResidentMiB() =>
        Read().ToDictionary(sample => sample.Service, sample => sample.Memory.ResidentMiB);

    // VmHWM: the kernel's own record of each process's peak, start-up included.
    public Dictionary<string, double> LifetimePeakMiB() =>
        Read().ToDictionary(sample => sample.Service, sample => sample.Memory.PeakResidentMiB);

    private IEnumerable<(string Service, ProcessMemory Memory)> Read() =>
        servicePids
            .Select(service => (service.Key, Memory: ServiceProcesses.ReadMemory(service.Value)))
            .Where(sample => sample.Memory is not null)
            .Select(sample => (sample.Key, sample.Memory!));
}
