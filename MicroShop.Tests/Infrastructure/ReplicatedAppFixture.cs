using System.Globalization;

namespace MicroShop.Tests.Infrastructure;

// A third application with two instances of Products and two of Orders behind their proxies. Its reserved orders
// expire after half a minute: long enough for the other tests to see their outcomes, short enough to watch two
// instances sweep expired orders. Its tests place up to 200 orders at once, which is admission control's own bound: in
// this application the bound is far above that, so that they test the replicas and not admission (OrderAdmissionTests
// does, on the main application).
public sealed class ReplicatedAppFixture : DistributedAppFixture
{
    public const int Replicas = 2;

    private const int MaxPendingOrders = 5_000;

    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(30);

    protected override string[] AppHostArguments =>
        [
            "--replicas", Replicas.ToString(CultureInfo.InvariantCulture),
            "--reservation-expiry", ReservationExpiry.ToString("c"),
            "--max-pending-orders", MaxPendingOrders.ToString(CultureInfo.InvariantCulture),
        ];
}
