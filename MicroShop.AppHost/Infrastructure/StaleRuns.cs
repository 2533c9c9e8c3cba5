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

            // Runs starting at the same moment (the tests start several at once) remove the same folder together: each
            // tries until the folder is gone, since every one of them may give up partway.
            while (run.Exists)
            {
                try
                {
                    run.Delete(recursive: true);
                }
                catch (DirectoryNotFoundException)
                {
                    // A part of it was removed by another run first; what is left, if anything, is tried again.
                }

                run.Refresh();
            }
        }
    }
}
