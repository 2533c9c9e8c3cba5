using MassTransit;

namespace MicroShop.Products.Messaging;

// A completed order's units are sold for good: nothing can give them back any more, so its products stop
// keeping the order (which would otherwise grow every product document with every order it ever sold).
// The reservation is marked Completed before that, so a late redelivery of the order's OrderCreated, which then
// takes the units again, finds it so and gives back what it took.
public sealed partial class OrderCompletedConsumer(
    ReservationRepository reservations,
    OrderStock stock,
    TimeProvider time,
    ILogger<OrderCompletedConsumer> logger) : IConsumer<OrderCompleted>
{
    public async Task Consume(ConsumeContext<OrderCompleted> context)
    {
        var orderId = context.Message.OrderId.ToString();
        if (await reservations.CompleteAsync(orderId, time.GetUtcNow(), context.CancellationToken) is not { } reservation)
        {
            LogNothingToSettle(context.Message.OrderId);
            return;
        }

        var settled = await stock.SettleAsync(orderId, reservation.Lines, context.CancellationToken);
        LogSettled(context.Message.OrderId, settled, reservation.Lines.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} completed without a reserved reservation here; nothing to settle")]
    private partial void LogNothingToSettle(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} completed; {SettledLines} of {Lines} lines settled")]
    private partial void LogSettled(Guid orderId, int settledLines, int lines);
}
