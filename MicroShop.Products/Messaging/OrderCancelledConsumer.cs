using MassTransit;

namespace MicroShop.Products.Messaging;

// Gives back whatever an order holds, whether it was reserved, confirmed (confirming changes no stock) or
// failed (it holds nothing by then). The reservation is marked Cancelled first, created so if OrderCreated has
// not arrived yet, so that no handler of the order takes stock afterwards; every give-back is conditional on
// the product holding the order's units, so a second cancel returns nothing twice.
public sealed class OrderCancelledConsumer(
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

        var reservation = await reservations.CancelAsync(orderId, time.GetUtcNow(), context.CancellationToken);
        var released = await stock.ReleaseAsync(orderId, reservation.Lines, context.CancellationToken);

        logger.LogInformation(
            "Order {OrderId} cancelled ({Reason}); gave back {ReleasedLines} of {Lines} lines",
            cancellation.OrderId, cancellation.Reason, released, reservation.Lines.Count);
        if (released > 0)
        {
            stockChanges.Announce(reservation.Lines.Select(line => line.ProductId));
        }
    }
}
