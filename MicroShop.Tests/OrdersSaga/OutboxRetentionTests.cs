using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.OrdersSaga;

// Orders deletes outbox rows published longer ago than the retention, and keeps every other row.
[Collection(ShortReservationExpiryCollection.Name)]
public sealed class OutboxRetentionTests(ShortReservationExpiryFixture fixture)
{
    // Two sweeps (every 6 s with a retention of a minute) and some room for a busy machine.
    private static readonly TimeSpan SweepDeadline = TimeSpan.FromSeconds(30);

    private readonly OutboxTable outbox = new(new OrdersDriver(fixture));

    [Fact]
    public async Task A_row_published_before_the_retention_is_deleted_and_recent_or_parked_rows_stay()
    {
        var longAgo = DateTimeOffset.UtcNow - 2 * ShortReservationExpiryFixture.OutboxRetention;
        var expired = await InsertAsync(publishedAt: longAgo);
        var recent = await InsertAsync(publishedAt: DateTimeOffset.UtcNow);
        var parked = await InsertAsync(parkedAt: longAgo);
        try
        {
            await Poll.UntilAsync(() => outbox.ContainsAsync(expired), contains => !contains, $"outbox row {expired} to be deleted", SweepDeadline);

            // The sweep that deleted the old row ran after the other two were written, and left them.
            Assert.True(await outbox.ContainsAsync(recent));
            Assert.True(await outbox.ContainsAsync(parked));
        }
        finally
        {
            // A parked row left behind would be replayed by the dashboard command tests of this application.
            await outbox.DeleteAsync([expired, recent, parked]);
        }
    }

    private Task<long> InsertAsync(DateTimeOffset? publishedAt = null, DateTimeOffset? parkedAt = null) =>
        outbox.InsertAsync(OutboxTable.OrderCreatedType, $$"""{"orderId":"{{Guid.NewGuid()}}"}""", publishedAt, parkedAt);
}
