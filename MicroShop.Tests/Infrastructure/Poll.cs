namespace MicroShop.Tests.Infrastructure;

// Waits for a condition by asking again until it holds or the deadline passes.
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
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

            await Task.Delay(Interval);
        }
    }
}
