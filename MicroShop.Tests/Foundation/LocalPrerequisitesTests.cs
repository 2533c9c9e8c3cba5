using MicroShop.AppHost.Infrastructure;

namespace MicroShop.Tests.Foundation;

// The AppHost's check before local mode starts anything, over a made-up machine: a root folder and a PATH of its own.
public sealed class LocalPrerequisitesTests : IDisposable
{
    private readonly DirectoryInfo machine = Directory.CreateTempSubdirectory("microshop-machine-");

    [Fact]
    public void On_a_machine_without_the_set_up_each_missing_server_is_named_with_the_command_that_installs_it()
    {
        var prerequisites = Machine(runsAsRoot: true);

        var missing = prerequisites.Missing();
        var explanation = LocalPrerequisites.Explain(missing);

        Assert.Collection(
            missing,
            item => Assert.StartsWith("RabbitMQ:", item, StringComparison.Ordinal),
            item => Assert.StartsWith("PostgreSQL:", item, StringComparison.Ordinal),
            item => Assert.StartsWith("Redis:", item, StringComparison.Ordinal),
            item => Assert.StartsWith("MongoDB: neither mongod nor node", item, StringComparison.Ordinal),
            item => Assert.StartsWith("setpriv:", item, StringComparison.Ordinal));
        Assert.All(missing, item => Assert.Contains(item, explanation, StringComparison.Ordinal));
        Assert.Contains("`eng/setup.sh`", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_machine_with_the_set_up_nothing_is_missing()
    {
        Executable("usr/lib/rabbitmq/bin/rabbitmq-server");
        Executable("usr/lib/postgresql/15/bin/postgres");
        Executable("bin/redis-server");
        Executable("bin/node");
        Executable("bin/setpriv");
        Directory.CreateDirectory(Path.Combine(machine.FullName, "standin", "node_modules"));

        Assert.Empty(Machine(runsAsRoot: true).Missing());
    }

    [Fact]
    public void Node_without_the_stand_in_s_packages_names_the_packages_and_a_file_that_cannot_run_counts_as_missing()
    {
        Executable("usr/lib/rabbitmq/bin/rabbitmq-server");
        Executable("usr/lib/postgresql/15/bin/postgres");
        Executable("bin/node");
        File.WriteAllText(Path.Combine(machine.FullName, "bin", "redis-server"), "");

        var missing = Machine(runsAsRoot: false).Missing();

        Assert.Collection(
            missing,
            item => Assert.StartsWith("Redis:", item, StringComparison.Ordinal),
            item => Assert.StartsWith("MongoDB: the stand-in's npm packages", item, StringComparison.Ordinal));
    }

    public void Dispose() => machine.Delete(recursive: true);

    private LocalPrerequisites Machine(bool runsAsRoot) => new(
        machine.FullName,
        Path.Combine(machine.FullName, "bin"),
        Path.Combine(machine.FullName, "standin"),
        runsAsRoot);

    private void Executable(string relativePath)
    {
        var path = Path.Combine(machine.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
