namespace MicroShop.Tests.OrdersSaga;

// Waits for a condition of the running application by polling it, failing at a deadline.
public static class Eventually
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> isDone, string what, TimeSpan? deadline = null)
    {
        var until = DateTimeOffset.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var value = await probe();
            if (isDone(value))
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < until, $"Timed out waiting for {what}; last seen: {value}");
            await Task.Delay(PollInterval);
        }
    }
}
