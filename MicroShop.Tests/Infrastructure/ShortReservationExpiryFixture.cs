namespace MicroShop.Tests.Infrastructure;

// A second application whose reserved orders expire after seconds instead of minutes, and whose orders count as stuck
// after seconds in PENDING, so the expiry and the saga monitor can be observed without slowing down or disturbing the
// tests of the main application; and whose anonymous clients have a small rate limit, so the rate limiter can be seen
// at work.
public sealed class ShortReservationExpiryFixture : DistributedAppFixture
{
    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(5);

    // Requests per window (10 s) for a client without a token: a test-sized share, which only the rate limit tests use
    // up; the other tests of this application send tokens.
    public const int AnonymousRateLimit = 20;

    protected override int AddressRateLimit => AnonymousRateLimit;

    public static readonly TimeSpan StuckPendingAfter = TimeSpan.FromSeconds(2);

    protected override string[] AppHostArguments =>
    [
        "--reservation-expiry", ReservationExpiry.ToString("c"),
        "--stuck-pending-after", StuckPendingAfter.ToString("c"),
    ];
}
