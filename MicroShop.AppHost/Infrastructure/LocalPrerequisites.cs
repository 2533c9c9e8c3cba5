namespace MicroShop.AppHost.Infrastructure;

// What local mode runs, where eng/setup.sh installs it: checked before anything starts, so that a machine without the
// set-up is told what is missing at once instead of waiting for servers that exit as soon as they start.
public sealed record LocalPrerequisites(string SystemRoot, string SearchPath, string StandInDirectory, bool RunsAsRoot)
{
    public const string SetupCommand = "eng/setup.sh";

    public static LocalPrerequisites OfThisMachine(string repositoryRoot) => new(
        "/",
        Environment.GetEnvironmentVariable("PATH") ?? "",
        Path.Combine(repositoryRoot, "eng", "mongo-standin"),
        Environment.IsPrivilegedProcess);

    // One line per missing server, naming what is looked for and the Debian package that provides it.
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!IsExecutable(Combine("usr", "lib", "rabbitmq", "bin", "rabbitmq-server")))
        {
            missing.Add("RabbitMQ: no /usr/lib/rabbitmq/bin/rabbitmq-server (Debian package rabbitmq-server)");
        }

        var postgresVersions = Combine("usr", "lib", "postgresql");
        if (!Directory.Exists(postgresVersions)
            || !Directory.EnumerateDirectories(postgresVersions).Any(version => IsExecutable(Path.Combine(version, "bin", "postgres"))))
        {
            missing.Add("PostgreSQL: no /usr/lib/postgresql/<version>/bin/postgres (Debian package postgresql)");
        }

        if (!OnPath("redis-server"))
        {
            missing.Add("Redis: no redis-server on PATH (Debian package redis-server)");
        }

        // A real mongod when there is one (eng/local/mongodb.sh), otherwise the stand-in, which needs Node.js and its packages.
        if (!OnPath("mongod"))
        {
            if (!OnPath("node"))
            {
                missing.Add("MongoDB: neither mongod nor node (for the MongoDB stand-in) on PATH (Node.js 20.19 or later)");
            }
            else if (!Directory.Exists(Path.Combine(StandInDirectory, "node_modules")))
            {
                missing.Add($"MongoDB: the stand-in's npm packages are not installed ({Path.Combine(StandInDirectory, "node_modules")})");
            }
        }

        // As root, PostgreSQL and RabbitMQ are started as their own users through setpriv (eng/local/run-as.sh).
        if (RunsAsRoot && !OnPath("setpriv"))
        {
            missing.Add("setpriv: not on PATH (Debian package util-linux)");
        }

        return missing;
    }

    public static string Explain(IReadOnlyList<string> missing) =>
        $"""
        MicroShop cannot start in local mode: this machine lacks what it runs.
        {string.Join(Environment.NewLine, missing.Select(item => $"  - {item}"))}
        Install it with `{SetupCommand}` from the repository root (as root, or a user with sudo), then start again;
        `eng/run.sh` does both. Or run with `--infra containers` where a container runtime answers.
        """;

    private string Combine(params string[] parts) => Path.Combine([SystemRoot, .. parts]);

    private bool OnPath(string program) =>
        SearchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => IsExecutable(Path.Combine(directory, program)));

    // Local mode runs on Linux; elsewhere a file that exists is taken for a program.
    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
