using MicroShop.Bench.Faults;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Faults;

// The short fault run: the bench's `--faults` run with two faults and a few hundred orders.
[Collection(DistributedAppCollection.Name)]
public sealed class FaultRunTests(DistributedAppFixture fixture)
{
    [Fact]
    public async Task Orders_killed_with_unrelayed_rows_then_Products_killed_under_load_lose_no_order_and_keep_every_invariant()
    {
        var report = await ShortFaultRun.RunAsync(fixture, Fault.Named(["orders", "products"]));

        Assert.True(report.InvariantsHeld, FaultTable.Render(report));
        Assert.All(report.Faults, fault => Assert.Empty(fault.Errors));
        var orders = report.Faults[0];
        Assert.True(orders.UnrelayedAtKill > 0, "Orders was killed with every outbox row already relayed.");
        Assert.Equal(orders.UnrelayedAtKill, orders.UnrelayedPublished);
        Assert.True(orders.OrdersRefused > 0, "No order was refused while Orders was down.");
        Assert.True(report.Final.Orders >= 200, $"Only {report.Final.Orders} orders were accepted.");
    }

    [Fact]
    public async Task Orders_and_Products_restarted_with_SIGTERM_under_load_answer_nothing_but_orders_and_fail_fast_refusals()
    {
        var report = await ShortFaultRun.RunAsync(fixture, Fault.Named(["restart-orders", "restart-products"]));

        Assert.True(report.InvariantsHeld, FaultTable.Render(report));
        Assert.All(report.Faults, fault => Assert.Empty(fault.Errors));
    }
}
