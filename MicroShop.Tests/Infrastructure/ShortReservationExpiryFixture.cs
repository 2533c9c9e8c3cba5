namespace MicroShop.Tests.Infrastructure;

// A second application whose reserved orders expire after seconds instead of minutes, so the expiry
// can be observed without slowing down or disturbing the tests of the main application.
public sealed class ShortReservationExpiryFixture : DistributedAppFixture
{
    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(5);

    protected override string[] AppHostArguments => ["--reservation-expiry", ReservationExpiry.ToString("c")];
}
