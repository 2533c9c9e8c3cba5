using MicroShop.Orders.Domain;
using MicroShop.Orders.Telemetry;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Orders;

// What Orders records for the saga, read with a MeterListener from the meter the service defaults export (the Aspire
// dashboard shows it): counters, the step histogram by the statuses left and reached, and the stuck-PENDING gauge.
public sealed class OrderMetricsTests : IDisposable
{
    private static readonly DateTimeOffset PlacedAt = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly MeterMeasurements measurements = new();
    private readonly OrderMetrics metrics;

    public OrderMetricsTests() => metrics = new OrderMetrics(measurements.MeterFactory);

    [Fact]
    public void The_meter_is_named_after_the_Orders_service_whose_meter_the_service_defaults_export() =>
        Assert.Equal(OrdersTelemetry.Name, typeof(OrderMetrics).Assembly.GetName().Name);

    [Fact]
    public void Each_change_records_its_counter_and_the_time_spent_in_the_status_it_left()
    {
        metrics.Changed(Place());
        metrics.Changed(ReservationOutcome.Reserved.ChangeAt(PlacedAt, PlacedAt.AddMilliseconds(40)));
        metrics.Changed(OrderStatusChange.Moved(
            OrderStatus.ProductReserved, PlacedAt.AddMilliseconds(40), OrderStatus.Confirmed, PlacedAt.AddSeconds(3), OrderChangeCause.Client, null));
        metrics.Changed(OrderStatusChange.Moved(
            OrderStatus.Confirmed, PlacedAt.AddSeconds(3), OrderStatus.Cancelled, PlacedAt.AddSeconds(10), OrderChangeCause.Client, "not needed after all"));

        Assert.Equal(1, measurements.Sum("microshop.orders.created"));
        Assert.Equal(1, measurements.Sum("microshop.orders.reserved"));
        Assert.Equal("client", Assert.Single(measurements.Of("microshop.orders.cancelled")).Tags["microshop.order.cancelled_by"]);
        Assert.Equal(
            [("PENDING", "PRODUCT_RESERVED", 0.04), ("PRODUCT_RESERVED", "CONFIRMED", 2.96), ("CONFIRMED", "CANCELLED", 7.0)],
            measurements.Of("microshop.orders.saga.step.duration").Select(step =>
                ((string?)step.Tags["microshop.order.from_status"], (string?)step.Tags["microshop.order.to_status"], Math.Round(step.Value, 3))));
        var outcome = Assert.Single(measurements.Of("microshop.orders.outcome.duration"));
        Assert.Equal(("reserved", 0.04), (outcome.Tags["microshop.order.outcome"], Math.Round(outcome.Value, 3)));
    }

    [Fact]
    public void Failures_and_expiries_are_counted_apart_from_the_clients_cancellations()
    {
        metrics.Changed(ReservationOutcome.Failed("insufficient stock").ChangeAt(PlacedAt, PlacedAt.AddMilliseconds(25)));
        metrics.Changed(OrderStatusChange.Moved(
            OrderStatus.ProductReserved, PlacedAt.AddMilliseconds(30), OrderStatus.Cancelled, PlacedAt.AddMinutes(15),
            OrderChangeCause.ReservationExpiry, Order.ReservationExpiredReason));

        Assert.Equal(1, measurements.Sum("microshop.orders.failed"));
        Assert.Equal("reservation_expiry", Assert.Single(measurements.Of("microshop.orders.cancelled")).Tags["microshop.order.cancelled_by"]);
        var steps = measurements.Of("microshop.orders.saga.step.duration");
        Assert.Equal(
            [("PENDING", "FAILED", 0.025), ("PRODUCT_RESERVED", "CANCELLED", 899.97)],
            steps.Select(step => ((string?)step.Tags["microshop.order.from_status"], (string?)step.Tags["microshop.order.to_status"], Math.Round(step.Value, 3))));
    }

    [Fact]
    public void The_stuck_PENDING_gauge_reports_the_last_count()
    {
        metrics.StuckPendingOrdersCounted(3);
        measurements.Observe();

        Assert.Equal(3, Assert.Single(measurements.Of("microshop.orders.saga.stuck_pending")).Value);
    }

    private static Order Place() =>
        Order.Place($"user-{Guid.NewGuid():N}", [new OrderItem("65f0a1b2c3d4e5f601234567", 1, 4.25m)], idempotencyKey: null, PlacedAt);

    public void Dispose() => measurements.Dispose();
}
