using System.Diagnostics;
using MassTransit;

namespace MicroShop.Products.Messaging;

// Reserves every line of a new order, all or nothing, and publishes the outcome to orders_exchange.
//
// No outbox on this side: the reservation document makes the whole consumer safe to run again from the start,
// after a redelivery, a retry or a crash between any two writes, and running it again publishes the same
// outcome again (Orders ignores duplicates). So the message is acknowledged only after the publish, and a
// publish lost to a crash is repaired by the redelivery.
public sealed class OrderCreatedConsumer(
    ReservationRepository reservations,
    OrderStock stock,
    StockChangeAnnouncer stockChanges,
    TimeProvider time,
    ILogger<OrderCreatedConsumer> logger) : IConsumer<OrderCreated>
{
    public async Task Consume(ConsumeContext<OrderCreated> context)
    {
        var order = context.Message;
        var orderId = order.OrderId.ToString();
        var cancellationToken = context.CancellationToken;

        IReadOnlyList<ReservationLine> requested = [.. (order.Items ?? []).Select(item => new ReservationLine(item.ProductId, item.Quantity, item.UnitPrice))];
        var reservation = await reservations.StartAsync(orderId, Reservation.Combine(requested), time.GetUtcNow(), cancellationToken);

        if (reservation.Status == ReservationStatus.Reserving)
        {
            var refusal = Reservation.Reject(requested) ?? await TakeEveryLineAsync(orderId, reservation.Lines, cancellationToken);
            reservation = await reservations.SettleAsync(orderId, refusal, time.GetUtcNow(), cancellationToken);
        }

        // Whatever this run did, the stored status decides: a concurrent handler of the same order, or a cancel,
        // may have settled it first.
        switch (reservation.Status)
        {
            case ReservationStatus.Reserved:
                // The happy path of every order: Debug, so that a busy shop does not write a line per order.
                logger.LogDebug("Reserved stock for order {OrderId}", order.OrderId);
                await context.Publish(new ProductsReserved(order.OrderId, reservation.UpdatedAt), cancellationToken);
                stockChanges.Announce(reservation.Lines.Select(line => line.ProductId));
                break;

            case ReservationStatus.Failed:
                // Normally nothing is left to give back; this repairs a run that stopped before giving it back.
                var givenBack = await stock.ReleaseAsync(orderId, reservation.Lines, cancellationToken);
                logger.LogInformation("Could not reserve stock for order {OrderId}: {Reason}", order.OrderId, reservation.FailureReason);
                await context.Publish(
                    new ProductReservationFailed(order.OrderId, reservation.FailureReason ?? "", reservation.UpdatedAt), cancellationToken);
                AnnounceIfAny(givenBack, reservation.Lines);
                break;

            case ReservationStatus.Cancelled:
                // The order was cancelled before it was reserved: give back what this or an interrupted run took.
                var released = await stock.ReleaseAsync(orderId, reservation.Lines, cancellationToken);
                logger.LogInformation("Order {OrderId} is cancelled; reserved nothing and gave back {ReleasedLines} lines", order.OrderId, released);
                AnnounceIfAny(released, reservation.Lines);
                break;

            default:
                // Settling only ever leaves Reserving.
                throw new UnreachableException($"Reservation of order {orderId} is {reservation.Status} after settling.");
        }
    }

    // Stock taken and given back again still changed the products' versions.
    private void AnnounceIfAny(int releasedLines, IEnumerable<ReservationLine> lines)
    {
        if (releasedLines > 0)
        {
            stockChanges.Announce(lines.Select(line => line.ProductId));
        }
    }

    // Stops at the first line that cannot be taken and returns why; the lines taken before it stay taken until
    // the reservation is marked Failed, which is what makes giving them back safe.
    private async Task<string?> TakeEveryLineAsync(string orderId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            if (await stock.TakeAsync(orderId, line, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
