namespace MicroShop.Orders.Data;

public static class StoredTime
{
    // PostgreSQL keeps microseconds: a time written to an order must equal what a later read returns.
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
