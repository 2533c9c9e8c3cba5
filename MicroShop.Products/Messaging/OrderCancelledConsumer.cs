using MassTransit;

namespace MicroShop.Products.Messaging;

// Gives back whatever an order holds, whether it was reserved, confirmed (confirming changes no stock) or
// failed (it holds nothing by then). The reservation is marked Cancelled first, created so if OrderCreated has
// not settled it yet, so that any handler of the order gives back what it takes; every give-back is conditional on
// the product holding the order's units, so a second cancel returns nothing twice.
public sealed partial class OrderCancelledConsumer(
    ReservationRepository reservations,
    OrderStock stock,
    StockChangeAnnouncer stockChanges,
    TimeProvider time,
    ILogger<OrderCancelledConsumer> logger) : IConsumer<OrderCancelled>
{
    public async Task Consume(ConsumeContext<OrderCancelled> context)
    {
        var cancellation = context.Message;
        var orderId = cancellation.OrderId.ToString();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OrderId"] = cancellation.OrderId });

        // Lines no OrderCreated could have taken (a quantity that is not positive, say) give nothing back.
        var cancelled = Reservation.Takeable(cancellation.Items.ToReservationLines());
        var reservation = await reservations.CancelAsync(orderId, cancelled, time.GetUtcNow(), context.CancellationToken);

        // A reservation settled before the cancel has the lines; one the cancel created has the message's, which also
        // covers an OrderCreated that took lines and never settled. Only one an earlier version's cancel created has
        // none, and then the message's are given back.
        var lines = reservation.Lines.Count > 0 ? reservation.Lines : cancelled;
        var released = await stock.ReleaseAsync(orderId, lines, context.CancellationToken);

        LogGivenBack(cancellation.OrderId, cancellation.Reason, released, lines.Count);
        if (released > 0)
        {
            stockChanges.Announce(lines.Select(line => line.ProductId));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} cancelled ({Reason}); gave back {ReleasedLines} of {Lines} lines")]
    private partial void LogGivenBack(Guid orderId, string reason, int releasedLines, int lines);
}
