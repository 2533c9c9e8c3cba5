using MassTransit;
using MicroShop.Contracts.Messages;

namespace MicroShop.Orders.Messaging;

// Products could not reserve an order's lines and holds nothing for it. The message is acknowledged after the change
// is committed (with the other outcomes of the moment, ReservationOutcomeWriter); an xmin conflict with a concurrent
// change of the order throws, and the retry reads the order again.
public sealed partial class ProductReservationFailedConsumer(
    ReservationOutcomeWriter outcomes,
    ILogger<ProductReservationFailedConsumer> logger) : IConsumer<ProductReservationFailed>
{
    public async Task Consume(ConsumeContext<ProductReservationFailed> context)
    {
        var orderId = context.Message.OrderId;
        var written = await outcomes.WriteAsync(ReservationOutcome.Failed(orderId, context.Message.Reason), context.CancellationToken);
        switch (written.Effect)
        {
            case ReservationOutcomeEffect.UnknownOrder:
                LogUnknownOrder(orderId);
                throw new InvalidOperationException($"Products failed to reserve stock for order {orderId}, which does not exist.");
            case ReservationOutcomeEffect.Ignored:
                // Nothing was reserved, so an order that has moved on (cancelled meanwhile, or a repeated message) needs nothing.
                LogIgnored(orderId, written.Status?.ToName());
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ProductReservationFailed names order {OrderId}, which does not exist")]
    private partial void LogUnknownOrder(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ProductReservationFailed for order {OrderId} ignored: the order is already {Status}")]
    private partial void LogIgnored(Guid orderId, string? status);
}
