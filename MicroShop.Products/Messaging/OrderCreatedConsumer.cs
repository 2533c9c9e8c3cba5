using System.Diagnostics;
using MassTransit;

namespace MicroShop.Products.Messaging;

// Reserves every line of a new order, all or nothing, and publishes the outcome to orders_exchange.
//
// No outbox on this side: the reservation document makes the whole consumer safe to run again from the start,
// after a redelivery, a retry or a crash between any two writes, and running it again publishes the same
// outcome again (Orders ignores duplicates). So the message is acknowledged only after the publish, and a
// publish lost to a crash is repaired by the redelivery.
//
// MongoDB writes per order: one for each line taken, then one that stores the outcome (Reservation states the rules).
// The reservation is not created before the lines are taken: that write was a third of a one-line order's.
public sealed partial class OrderCreatedConsumer(
    ReservationRepository reservations,
    OrderStock stock,
    StockChangeAnnouncer stockChanges,
    TimeProvider time,
    ILogger<OrderCreatedConsumer> logger) : IConsumer<OrderCreated>
{
    // A publish completes when the broker confirms it. RabbitMQ.Client 7.2.2 can lose the confirms of the publishes in
    // flight when the connection drops (the channel is disposed before its shutdown fails them); a consumer waiting on one
    // for good keeps MassTransit from restarting the queue's consumer, and the queue is never consumed again. Bounded, the
    // publish fails and is retried; the message, unacknowledged on the dropped connection, is delivered again, and the
    // consumer publishes the same outcome again (Orders ignores the duplicate).
    private static readonly TimeSpan OutcomePublishTimeout = TimeSpan.FromSeconds(10);

    public async Task Consume(ConsumeContext<OrderCreated> context)
    {
        var order = context.Message;
        var orderId = order.OrderId.ToString();
        var cancellationToken = context.CancellationToken;

        var requested = order.Items.ToReservationLines();
        var lines = Reservation.Combine(requested);
        var takenNow = new List<ReservationLine>();
        var refusal = Reservation.Reject(requested) ?? await TakeEveryLineAsync(orderId, lines, takenNow, cancellationToken);

        // Whatever this run did, the stored status decides: a concurrent handler of the same order, a cancel or a
        // completion may have stored theirs first.
        var reservation = await reservations.SettleAsync(orderId, lines, refusal, time.GetUtcNow(), cancellationToken);
        switch (reservation.Status)
        {
            case ReservationStatus.Reserved:
                // The happy path of every order: Debug, so that a busy shop does not write a line per order.
                LogReserved(order.OrderId);
                await PublishOutcomeAsync(context, new ProductsReserved(order.OrderId, reservation.UpdatedAt));
                stockChanges.Announce(lines.Select(line => line.ProductId));
                break;

            case ReservationStatus.Completed:
                // A redelivery after the order was completed: its sold units are no longer recorded on the products, so
                // what this run took it took a second time. Only that goes back; the sold units stay sold.
                var takenAgain = await GiveBackAsync(orderId, takenNow, cancellationToken);
                LogTakenAgainGivenBack(order.OrderId, takenAgain);
                await PublishOutcomeAsync(context, new ProductsReserved(order.OrderId, reservation.UpdatedAt));
                break;

            case ReservationStatus.Failed:
                // Gives back the lines taken before the one that could not be (or, for a handler that finds another's
                // Failed, whatever it took itself).
                await GiveBackAsync(orderId, lines, cancellationToken);
                LogNotReserved(order.OrderId, reservation.FailureReason);
                await PublishOutcomeAsync(
                    context, new ProductReservationFailed(order.OrderId, reservation.FailureReason ?? "", reservation.UpdatedAt));
                break;

            case ReservationStatus.Cancelled:
                // Cancelled before it was reserved, or this is a redelivery after the cancel: give back what this or an
                // interrupted run took.
                var released = await GiveBackAsync(orderId, lines, cancellationToken);
                LogCancelledGivenBack(order.OrderId, released);
                break;

            default:
                // Settling leaves no reservation Reserving.
                throw new UnreachableException($"Reservation of order {orderId} is {reservation.Status} after settling.");
        }
    }

    private static async Task PublishOutcomeAsync<TOutcome>(ConsumeContext context, TOutcome outcome)
        where TOutcome : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(OutcomePublishTimeout);
        await context.Publish(outcome, timeout.Token);
    }

    // Gives back what the order holds of these lines and returns how many; stock taken and given back again still
    // changed the products' versions, so they are announced.
    private async Task<int> GiveBackAsync(string orderId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        var released = await stock.ReleaseAsync(orderId, lines, cancellationToken);
        if (released > 0)
        {
            stockChanges.Announce(lines.Select(line => line.ProductId));
        }

        return released;
    }

    // Stops at the first line that cannot be taken and returns why; the lines taken before it stay taken until the
    // outcome is stored Failed, which is what makes giving them back safe. Records the lines this run took itself.
    private async Task<string?> TakeEveryLineAsync(
        string orderId, IReadOnlyList<ReservationLine> lines, List<ReservationLine> takenNow, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            var take = await stock.TakeAsync(orderId, line, cancellationToken);
            if (take.Refusal is not null)
            {
                return take.Refusal;
            }

            if (take.TakenNow)
            {
                takenNow.Add(line);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reserved stock for order {OrderId}")]
    private partial void LogReserved(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is completed; gave back the {ReleasedLines} lines taken again")]
    private partial void LogTakenAgainGivenBack(Guid orderId, int releasedLines);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not reserve stock for order {OrderId}: {Reason}")]
    private partial void LogNotReserved(Guid orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is cancelled; gave back {ReleasedLines} lines")]
    private partial void LogCancelledGivenBack(Guid orderId, int releasedLines);
}
