namespace MicroShop.Tests.Infrastructure;

// Waiting on a condition of the distributed system: read again until it holds, or fail at the deadline.
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var last = default(T);
        while (!timeout.IsCancellationRequested)
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(Interval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Waited {deadline} for {what}; last seen: {last}");
    }
}
