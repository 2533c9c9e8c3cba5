namespace MicroShop.Tests.Infrastructure;

// A second application whose reserved orders expire after seconds instead of minutes, and whose orders count as stuck
// after seconds in PENDING, so the expiry and the saga monitor can be observed without slowing down or disturbing the
// tests of the main application.
public sealed class ShortReservationExpiryFixture : DistributedAppFixture
{
    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan StuckPendingAfter = TimeSpan.FromSeconds(2);

    protected override string[] AppHostArguments =>
    [
        "--reservation-expiry", ReservationExpiry.ToString("c"),
        "--stuck-pending-after", StuckPendingAfter.ToString("c"),
    ];
}
