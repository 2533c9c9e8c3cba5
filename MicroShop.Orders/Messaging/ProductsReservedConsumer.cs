using MassTransit;
using MicroShop.Contracts.Messages;

namespace MicroShop.Orders.Messaging;

// Products reserved every line of an order. The message is acknowledged after the change is committed (with the other
// outcomes of the moment, ReservationOutcomeWriter); an xmin conflict with a concurrent change of the order throws,
// and the retry reads the order again.
public sealed partial class ProductsReservedConsumer(
    ReservationOutcomeWriter outcomes,
    ILogger<ProductsReservedConsumer> logger) : IConsumer<ProductsReserved>
{
    public async Task Consume(ConsumeContext<ProductsReserved> context)
    {
        var orderId = context.Message.OrderId;
        var written = await outcomes.WriteAsync(ReservationOutcome.Succeeded(orderId), context.CancellationToken);
        switch (written.Effect)
        {
            case ReservationOutcomeEffect.UnknownOrder:
                LogUnknownOrder(orderId);
                throw new InvalidOperationException($"Products reserved stock for order {orderId}, which does not exist.");
            case ReservationOutcomeEffect.ReleaseRequested:
                LogReleaseRequested(orderId);
                break;
            case ReservationOutcomeEffect.Ignored:
                LogIgnored(orderId, written.Status?.ToName());
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ProductsReserved names order {OrderId}, which does not exist")]
    private partial void LogUnknownOrder(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was cancelled before its products were reserved; asking Products to release them")]
    private partial void LogReleaseRequested(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ProductsReserved for order {OrderId} ignored: the order is already {Status}")]
    private partial void LogIgnored(Guid orderId, string? status);
}
