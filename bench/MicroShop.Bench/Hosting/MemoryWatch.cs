namespace MicroShop.Bench.Hosting;

// Samples each service's resident set; the ladder keeps the highest sample of each step.
public sealed class MemoryWatch(IReadOnlyDictionary<string, int> servicePids)
{
    public IReadOnlyDictionary<string, int> ServicePids { get; } = servicePids;

    public Dictionary<string, double> SampleResidentMiB() =>
        ServicePids
            .Select(service => (service.Key, Memory: ServiceProcesses.ReadMemory(service.Value)))
            .Where(sample => sample.Memory is not null)
            .ToDictionary(sample => sample.Key, sample => sample.Memory!.ResidentMiB);

    // VmHWM: the kernel's own record of each process's peak, start-up included.
    public Dictionary<string, double> LifetimePeakMiB() =>
        ServicePids
            .Select(service => (service.Key, Memory: ServiceProcesses.ReadMemory(service.Value)))
            .Where(sample => sample.Memory is not null)
            .ToDictionary(sample => sample.Key, sample => sample.Memory!.PeakResidentMiB);
}
