using System.Diagnostics.Metrics;

namespace MicroShop.Orders.Telemetry;

// What the saga does to orders. Callers record a change only after it was committed, so the numbers never count a
// change that was rolled back or lost to a concurrent writer.
public sealed class OrderMetrics
{
    private readonly Counter<long> created;
    private readonly Counter<long> reserved;
    private readonly Counter<long> failed;
    private readonly Counter<long> cancelled;
    private readonly Histogram<double> outcomeDuration;
    private long parkedOutboxMessages;

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

        // The table is shared: every instance reports the same count, as its relay last read it.
        meter.CreateObservableGauge(
            "microshop.orders.outbox.parked",
            () => Volatile.Read(ref parkedOutboxMessages),
            "{message}",
            "Outbox messages parked after failing every attempt, waiting for an operator to replay them.");
    }

    public void Created() => created.Add(1);

    public void Reserved(Order order)
    {
        reserved.Add(1);
        RecordOutcome(order, "reserved");
    }

    public void Failed(Order order)
    {
        failed.Add(1);
        RecordOutcome(order, "failed");
    }

    public void CancelledByClient() => cancelled.Add(1, new KeyValuePair<string, object?>("microshop.order.cancelled_by", "client"));

    public void CancelledByExpiry() => cancelled.Add(1, new KeyValuePair<string, object?>("microshop.order.cancelled_by", "reservation_expiry"));

    public void ParkedOutboxMessagesCounted(long count) => Volatile.Write(ref parkedOutboxMessages, count);

    private void RecordOutcome(Order order, string outcome) =>
        outcomeDuration.Record(
            (order.UpdatedAt - order.CreatedAt).TotalSeconds,
            new KeyValuePair<string, object?>("microshop.order.outcome", outcome));
}
