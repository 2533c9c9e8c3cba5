namespace MicroShop.Products.Domain;

// The stock an order holds, one per order (Id is the order id), kept so that every message about the
// order can be handled again, after a redelivery or a crash, without taking or returning stock twice.
//
// Status rules:
// - Reserving: created by the first OrderCreated. Lines are being taken; some may already be.
// - Reserving -> Reserved: only by a handler that holds every line. Reserved keeps the stock until a cancel.
// - Reserving -> Failed: when a line cannot be taken. The status is set before any line is given back, so a
//   concurrent handler can no longer make it Reserved; whoever finds it Failed gives back whatever it holds.
// - any -> Cancelled: by OrderCancelled, also before the reservation exists (so a later OrderCreated takes
//   nothing). Whoever finds it Cancelled gives back whatever it holds.
// Reserved, Failed and Cancelled change only to Cancelled.
// OrderCompleted leaves a Reserved reservation as it is (its units are sold) and only has the products stop
// recording the order: a completed order can no longer be cancelled, so nothing will give its units back.
public sealed record Reservation(
    string Id,
    ReservationStatus Status,
    IReadOnlyList<ReservationLine> Lines,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    // The lines to take, one per product: the per-product guard records that an order holds a product, not how
    // many times, so an order listing a product twice takes the sum in one update. A sum past int.MaxValue is
    // capped only to be storable: Reject refuses such an order.
    public static IReadOnlyList<ReservationLine> Combine(IEnumerable<ReservationLine> lines) =>
    [
        .. lines
            .GroupBy(line => line.ProductId, StringComparer.Ordinal)
            .Select(product => new ReservationLine(
                product.Key,
                (int)Math.Min(int.MaxValue, product.Sum(line => (long)line.Quantity)),
                product.First().UnitPrice)),
    ];

    // Why the lines can never be reserved, whatever the stock; null when they are well formed.
    public static string? Reject(IReadOnlyList<ReservationLine> lines)
    {
        if (lines.Count == 0)
        {
            return "the order has no lines";
        }

        if (lines.FirstOrDefault(line => line.Quantity <= 0) is { } line)
        {
            return $"quantity {line.Quantity} of product {line.ProductId} is not positive";
        }

        return lines
            .GroupBy(line => line.ProductId, StringComparer.Ordinal)
            .FirstOrDefault(product => product.Sum(line => (long)line.Quantity) > int.MaxValue) is { } oversized
                ? $"the quantities of product {oversized.Key} add up to more than {int.MaxValue}"
                : null;
    }
}
