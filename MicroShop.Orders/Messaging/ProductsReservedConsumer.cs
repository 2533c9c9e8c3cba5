using MassTransit;
using MicroShop.Contracts.Messages;
using MicroShop.Orders.Telemetry;

namespace MicroShop.Orders.Messaging;

// Products reserved every line of an order. A pending order takes it in one statement (OrdersDbContext.TakeAsync); the
// message is acknowledged after that is committed. Only an order that did not take it is read, to tell why.
public sealed partial class ProductsReservedConsumer(
    OrdersDbContext db,
    OutboxSignal outboxSignal,
    OrderMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ProductsReservedConsumer> logger) : IConsumer<ProductsReserved>
{
    public async Task Consume(ConsumeContext<ProductsReserved> context)
    {
        var orderId = context.Message.OrderId;
        var now = timeProvider.GetStoredUtcNow();
        if (await db.TakeAsync(orderId, ReservationOutcome.Reserved, now, context.CancellationToken) is { } change)
        {
            metrics.Changed(change);
            return;
        }

        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, context.CancellationToken);
        if (order is null)
        {
            LogUnknownOrder(orderId);
            throw new InvalidOperationException($"Products reserved stock for order {orderId}, which does not exist.");
        }

        if (order.Status == OrderStatus.Cancelled)
        {
            // The order was cancelled while Products was reserving: the stock is held for nobody. Its OrderCancelled may
            // have reached Products before the reservation did, so announce the cancellation again; Products releases
            // a reservation once, however often it hears of the cancellation.
            db.OutboxMessages.Add(OutboxMessage.Create(order.ToOrderCancelled(now), now));
            await db.SaveChangesAsync(context.CancellationToken);
            outboxSignal.Notify();
            LogReleaseRequested(orderId);
            return;
        }

        LogIgnored(orderId, order.Status.ToName());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ProductsReserved names order {OrderId}, which does not exist")]
    private partial void LogUnknownOrder(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was cancelled before its products were reserved; asking Products to release them")]
    private partial void LogReleaseRequested(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ProductsReserved for order {OrderId} ignored: the order is already {Status}")]
    private partial void LogIgnored(Guid orderId, string status);
}
