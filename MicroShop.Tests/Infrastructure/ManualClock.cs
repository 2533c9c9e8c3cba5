namespace MicroShop.Tests.Infrastructure;

// A clock the test moves: its timestamps and its time of day start at the real ones and advance together, only when told.
public sealed class ManualClock : TimeProvider
{
    private readonly DateTimeOffset start = DateTimeOffset.UtcNow;
    private long timestamp;

    public override long GetTimestamp() => timestamp;

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromSeconds((double)timestamp / TimestampFrequency);

    public void Advance(TimeSpan span) => timestamp += (long)(span.TotalSeconds * TimestampFrequency);
}
