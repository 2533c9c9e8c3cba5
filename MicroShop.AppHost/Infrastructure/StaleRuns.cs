namespace MicroShop.AppHost.Infrastructure;

// Local runs leave their data folders behind, for a look at the servers' logs after the run; each start removes those
// created before the cutoff it is given (LocalRun's StaleRunAge).
public static class StaleRuns
{
    public static void Remove(string root, DateTime createdBeforeUtc)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var run in new DirectoryInfo(root).EnumerateDirectories())
        {
            if (run.CreationTimeUtc >= createdBeforeUtc)
            {
                continue;
            }

            try
            {
                run.Delete(recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Another run starting at the same moment (the tests start several at once) removed it first.
            }
        }
    }
}
