using MassTransit;

namespace MicroShop.Products.Messaging;

// A completed order's units are sold for good: nothing can give them back any more, so its products stop
// keeping the order (which would otherwise grow every product document with every order it ever sold).
// The reservation is marked Completed before that, so a late redelivery of the order's OrderCreated, which then
// takes the units again, finds it so and gives back what it took.
public sealed class OrderCompletedConsumer(
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
            logger.LogWarning("Order {OrderId} completed without a reserved reservation here; nothing to settle", context.Message.OrderId);
            return;
        }

        var settled = await stock.SettleAsync(orderId, reservation.Lines, context.CancellationToken);
        logger.LogInformation("Order {OrderId} completed; {SettledLines} of {Lines} lines settled", context.Message.OrderId, settled, reservation.Lines.Count);
    }
}
