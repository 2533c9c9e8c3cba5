using System.Diagnostics.Metrics;

namespace MicroShop.Orders.Telemetry;

// What the saga does to orders. Callers record a change only after it was committed, so the numbers never count a
// change that was rolled back or lost to a concurrent writer.
public sealed class OrderMetrics
{
    private const string OutcomeTag = "microshop.order.outcome";
    private const string CancelledByTag = "microshop.order.cancelled_by";
    private const string FromStatusTag = "microshop.order.from_status";
    private const string ToStatusTag = "microshop.order.to_status";

    private readonly Counter<long> created;
    private readonly Counter<long> reserved;
    private readonly Counter<long> failed;
    private readonly Counter<long> cancelled;
    private readonly Histogram<double> outcomeDuration;
    private readonly Histogram<double> stepDuration;
    private long parkedOutboxMessages;
    private long stuckPendingOrders;

    public OrderMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(OrdersTelemetry.Name);
        created = meter.CreateCounter<long>("microshop.orders.created", "{order}", "Orders placed.");
        reserved = meter.CreateCounter<long>("microshop.orders.reserved", "{order}", "Orders whose products were reserved.");
        failed = meter.CreateCounter<long>("microshop.orders.failed", "{order}", "Orders whose products could not be reserved.");
        cancelled = meter.CreateCounter<long>("microshop.orders.cancelled", "{order}", "Orders cancelled, by a client or by the reservation expiry.");
        outcomeDuration = meter.CreateHistogram<double>(
            "microshop.orders.outcome.duration",
            "s",
            "Time from placing an order (PENDING) to the saga's outcome (PRODUCT_RESERVED or FAILED).");
        stepDuration = meter.CreateHistogram<double>(
            "microshop.orders.saga.step.duration",
            "s",
            "Time an order spent in a status before each change (PENDING → PRODUCT_RESERVED or FAILED, PRODUCT_RESERVED → CONFIRMED, …), by the statuses left and reached.");

        // The table is shared: every instance reports the same count, as its relay last read it.
        meter.CreateObservableGauge(
            "microshop.orders.outbox.parked",
            () => Volatile.Read(ref parkedOutboxMessages),
            "{message}",
            "Outbox messages parked after failing every attempt, waiting for an operator to replay them.");

        // Likewise, as the saga monitor last counted them.
        meter.CreateObservableGauge(
            "microshop.orders.saga.stuck_pending",
            () => Volatile.Read(ref stuckPendingOrders),
            "{order}",
            "Orders PENDING for longer than Orders:Saga:StuckPendingAfter: the saga is not settling them.");
    }

    // Records the change an order has just made (its placement, or a transition), once committed.
    public void Changed(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Changed(order.Changes[^1]);
    }

    // Records one change of status, once committed.
    public void Changed(OrderStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.PreviousStatus is not { } from)
        {
            created.Add(1);
            return;
        }

        var elapsed = change.Elapsed?.TotalSeconds ?? 0;
        stepDuration.Record(
            elapsed,
            new KeyValuePair<string, object?>(FromStatusTag, from.ToName()),
            new KeyValuePair<string, object?>(ToStatusTag, change.Status.ToName()));
        switch (change.Status)
        {
            case OrderStatus.ProductReserved:
                reserved.Add(1);
                outcomeDuration.Record(elapsed, new KeyValuePair<string, object?>(OutcomeTag, "reserved"));
                break;
            case OrderStatus.Failed:
                failed.Add(1);
                outcomeDuration.Record(elapsed, new KeyValuePair<string, object?>(OutcomeTag, "failed"));
                break;
            case OrderStatus.Cancelled:
                cancelled.Add(1, new KeyValuePair<string, object?>(
                    CancelledByTag,
                    change.Cause == OrderChangeCause.ReservationExpiry ? "reservation_expiry" : "client"));
                break;
        }
    }

    public void ParkedOutboxMessagesCounted(long count) => Volatile.Write(ref parkedOutboxMessages, count);

    public void StuckPendingOrdersCounted(long count) => Volatile.Write(ref stuckPendingOrders, count);
}
