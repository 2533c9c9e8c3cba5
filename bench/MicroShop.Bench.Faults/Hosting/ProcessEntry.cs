namespace MicroShop.Bench.Hosting;

public sealed record ProcessEntry(int Pid, int ParentPid, string[] CommandLine, double CpuSeconds);
