namespace MicroShop.Bench.Hosting;

// Finds each service's process under /proc. Aspire reports the pid of what it launched, which may be a
// `dotnet` launcher: the service is that process or one of its descendants whose command line runs
// MicroShop.<Service> (the apphost binary or the dll).
public static class ServiceProcesses
{
    public static IReadOnlyDictionary<string, int> Find(IEnumerable<string> services, IReadOnlyDictionary<string, int> launchedPids)
    {
        var table = ProcessTable.Read();
        var found = new Dictionary<string, int>();
        foreach (var service in services)
        {
            var binary = $"MicroShop.{char.ToUpperInvariant(service[0])}{service[1..]}";
            var candidates = table.Processes.Where(process => Runs(process.CommandLine, binary)).ToList();
            if (launchedPids.TryGetValue(service, out var root))
            {
                candidates = [.. candidates.Where(process => table.IsSelfOrDescendant(process.Pid, root))];
            }

            // Without a launched pid, the newest process of that name: the one a fresh run started.
            if (candidates.OrderByDescending(process => process.Pid).FirstOrDefault() is { } match)
            {
                found[service] = match.Pid;
            }
        }

        return found;
    }

    // Resident set now and its peak over the process's life (VmRSS, VmHWM), in MiB; null once it has gone.
    public static ProcessMemory? ReadMemory(int pid)
    {
        try
        {
            double rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kibibytes(line) / 1024.0;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kibibytes(line) / 1024.0;
                }
            }

            return new ProcessMemory(pid, rss, peak);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Kibibytes(string statusLine) =>
        long.Parse(statusLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    private static bool Runs(string[] commandLine, string binary) =>
        commandLine.Take(2).Any(argument =>
            Path.GetFileName(argument) is var name && (name == binary || name == binary + ".dll"));
}
