namespace MicroShop.Bench;

public static class RepositoryRoot
{
    // The folder holding MicroShop.sln above the tool's binaries (or the working directory), so results land
    // in the repository's bench/results wherever the command is run from.
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MicroShop.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
