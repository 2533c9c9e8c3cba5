namespace MicroShop.Tests.Infrastructure;

// A second application whose reserved orders expire after seconds instead of minutes, whose orders count as stuck
// after seconds in PENDING, and whose published outbox rows are kept a minute, so the expiry, the saga monitor and the
// outbox retention can be observed without slowing down or disturbing the tests of the main application; and whose
// anonymous clients have a small rate limit, so the rate limiter can be seen at work.
public sealed class ShortReservationExpiryFixture : DistributedAppFixture
{
    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(5);

    // Requests per window (10 s) for a client without a token: a test-sized share, which only the rate limit tests use
    // up; the other tests of this application send tokens.
    public const int AnonymousRateLimit = 20;

    protected override int AddressRateLimit => AnonymousRateLimit;

    public static readonly TimeSpan StuckPendingAfter = TimeSpan.FromSeconds(2);

    // Swept every 6 s (a tenth of it): long enough for the other tests here to read the rows their orders publish.
    public static readonly TimeSpan OutboxRetention = TimeSpan.FromMinutes(1);

    protected override string[] AppHostArguments =>
    [
        "--reservation-expiry", ReservationExpiry.ToString("c"),
        "--stuck-pending-after", StuckPendingAfter.ToString("c"),
        "--outbox-retention", OutboxRetention.ToString("c"),
    ];
}
