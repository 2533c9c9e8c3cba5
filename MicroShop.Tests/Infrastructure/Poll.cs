namespace MicroShop.Tests.Infrastructure;

// Waits for a condition by asking again until it holds or the deadline passes.
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // Quick at first, then less often: a test waiting on a few hundred orders at once must not become the load that
    // slows the application it waits for (200 waits asking every 50 ms were 4,000 requests a second on two cores).
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        var interval = FirstInterval;
        while (true)
        {
            var value = await read();
            if (holds(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last seen: {value}");
            }

            await Task.Delay(interval);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 3 / 2, LongestInterval.Ticks));
        }
    }
}
