using System.Globalization;
using System.Net;
using MicroShop.Tests.Orders;
using MicroShop.Tests.Saga;

namespace MicroShop.Tests.Infrastructure;

// A third application with two instances of Products and two of Orders behind their proxies. Its reserved orders
// expire after half a minute: long enough for the other tests to see their outcomes, short enough to watch two
// instances sweep expired orders. Its tests place up to 200 orders (100 at once), admission control's own bound: in
// this application the bound is far above that, so that they test the replicas and not admission (OrderAdmissionTests
// does, on the main application).
public sealed class ReplicatedAppFixture : DistributedAppFixture
{
    public const int Replicas = 2;

    private const int MaxPendingOrders = 5_000;

    public static readonly TimeSpan ReservationExpiry = TimeSpan.FromSeconds(30);

    // Each instance's first orders run cold code (JIT, first queries and publishes). On two cores shared with the other
    // applications' tests, a burst of them held an instance of Orders silent long enough for the Gateway to count it
    // away and refuse the orders with 503. A few orders one at a time, each until it is taken (a refusal is retried),
    // run that code on every instance (the proxy takes turns; consumers share the queue), so the tests measure the
    // replicas and not a cold start.
    private const int WarmUpOrders = 3 * Replicas;

    protected override async Task WarmUpAsync()
    {
        using var saga = new SagaDriver(this);
        var product = await saga.CreateProductAsync(quantity: WarmUpOrders);
        for (var order = 0; order < WarmUpOrders; order++)
        {
            using var placed = await Poll.UntilAsync(
                () => saga.PostOrderAsync((product.Id, 1)),
                response => response.StatusCode == HttpStatusCode.Created,
                "a warm-up order to be taken");
            await saga.WaitForOutcomeAsync((await OrdersDriver.ReadOrderAsync(placed)).Id);
        }
    }

    protected override string[] AppHostArguments =>
        [
            "--replicas", Replicas.ToString(CultureInfo.InvariantCulture),
            "--reservation-expiry", ReservationExpiry.ToString("c"),
            "--max-pending-orders", MaxPendingOrders.ToString(CultureInfo.InvariantCulture),
        ];
}
