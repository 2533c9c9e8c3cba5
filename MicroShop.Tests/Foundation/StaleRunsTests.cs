using MicroShop.AppHost.Infrastructure;

namespace MicroShop.Tests.Foundation;

// Each local start removes the data folders of old runs; the tests start several applications at once, which then
// remove the same folders together.
public sealed class StaleRunsTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("microshop-runs-");

    [Fact]
    public async Task Runs_starting_together_remove_the_same_stale_runs_without_failing()
    {
        for (var run = 0; run < 8; run++)
        {
            RunFolder($"stale-{run}", servers: 4, filesPerServer: 40);
        }

        var everyRunIsStale = DateTime.UtcNow.AddMinutes(1);
        var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => StaleRuns.Remove(root.FullName, everyRunIsStale)));

        await Task.WhenAll(starts);

        Assert.Empty(root.EnumerateFileSystemInfos());
    }

    [Fact]
    public void Runs_younger_than_the_cutoff_stay()
    {
        RunFolder("current", servers: 1, filesPerServer: 1);

        StaleRuns.Remove(root.FullName, DateTime.UtcNow.AddDays(-1));

        Assert.Equal(["current"], root.EnumerateDirectories().Select(run => run.Name));
    }

    public void Dispose() => root.Delete(recursive: true);

    private void RunFolder(string name, int servers, int filesPerServer)
    {
        for (var server = 0; server < servers; server++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root.FullName, name, $"server-{server}", "data"));
            for (var file = 0; file < filesPerServer; file++)
            {
                File.WriteAllText(Path.Combine(folder.FullName, $"file-{file}"), name);
            }
        }
    }
}
