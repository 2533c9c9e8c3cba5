namespace MicroShop.Bench.Hosting;

public sealed record ProcessMemory(int Pid, double ResidentMiB, double PeakResidentMiB);
