using MassTransit;
using MicroShop.Contracts.Messages;
using MicroShop.Orders.Telemetry;

namespace MicroShop.Orders.Messaging;

// Products could not reserve an order's lines and holds nothing for it. A pending order takes that in one statement
// (OrdersDbContext.TakeAsync); the message is acknowledged after that is committed. Only an order that did not take
// it is read, to tell why.
public sealed partial class ProductReservationFailedConsumer(
    OrdersDbContext db,
    OrderMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ProductReservationFailedConsumer> logger) : IConsumer<ProductReservationFailed>
{
    public async Task Consume(ConsumeContext<ProductReservationFailed> context)
    {
        var orderId = context.Message.OrderId;
        var outcome = ReservationOutcome.Failed(context.Message.Reason);
        if (await db.TakeAsync(orderId, outcome, timeProvider.GetStoredUtcNow(), context.CancellationToken) is { } change)
        {
            metrics.Changed(change);
            return;
        }

        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, context.CancellationToken);
        if (order is null)
        {
            LogUnknownOrder(orderId);
            throw new InvalidOperationException($"Products failed to reserve stock for order {orderId}, which does not exist.");
        }

        // Nothing was reserved, so an order that has moved on (cancelled meanwhile, or a repeated message) needs nothing.
        LogIgnored(orderId, order.Status.ToName());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ProductReservationFailed names order {OrderId}, which does not exist")]
    private partial void LogUnknownOrder(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ProductReservationFailed for order {OrderId} ignored: the order is already {Status}")]
    private partial void LogIgnored(Guid orderId, string status);
}
