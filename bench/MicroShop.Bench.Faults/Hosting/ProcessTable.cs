using System.Globalization;

namespace MicroShop.Bench.Hosting;

// A snapshot of /proc: every process with its parent, command line and CPU time so far.
public sealed class ProcessTable
{
    // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly Dictionary<int, ProcessEntry> processes;

    private ProcessTable(Dictionary<int, ProcessEntry> processes) => this.processes = processes;

    public IEnumerable<ProcessEntry> Processes => processes.Values;

    public static ProcessTable Read()
    {
        var processes = new Dictionary<int, ProcessEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                // "pid (comm) state ppid ...": comm may hold spaces, so fields are counted after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime, stime, and the time of reaped children (cutime, cstime): a short-lived child's CPU stays counted.
                var ticks = Enumerable.Range(11, 4).Sum(index => long.Parse(fields[index], CultureInfo.InvariantCulture));
                processes[pid] = new ProcessEntry(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine, ticks / TicksPerSecond);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while the table was read, or is not ours to read.
            }
        }

        return new ProcessTable(processes);
    }

    public bool IsSelfOrDescendant(int pid, int root)
    {
        for (var current = pid; current > 1; current = processes.TryGetValue(current, out var entry) ? entry.ParentPid : 0)
        {
            if (current == root)
            {
                return true;
            }
        }

        return false;
    }

    // CPU seconds of a process and everything below it.
    public double TreeCpuSeconds(int root) =>
        processes.Values.Where(process => IsSelfOrDescendant(process.Pid, root)).Sum(process => process.CpuSeconds);
}
