using System.Globalization;

namespace MicroShop.Tests.Infrastructure;

// A third application with two instances of Products and two of Orders behind their proxies. Its reserved orders
// expire after half a minute: long enough for the other tests to see their outcomes, short enough to watch two
// instances sweep expired orders.
public sealed class ReplicatedAppFixture : DistributedAppFixture
{
    public const int Replicas = 2;

    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(30);

    protected override string[] AppHostArguments =>
        ["--replicas", Replicas.ToString(CultureInfo.InvariantCulture), "--reservation-expiry", ReservationExpiry.ToString("c")];
}
