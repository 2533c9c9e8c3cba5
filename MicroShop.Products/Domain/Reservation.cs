namespace MicroShop.Products.Domain;

// The stock an order holds, one per order (Id is the order id), kept so that every message about the
// order can be handled again, after a redelivery or a crash, without taking or returning stock twice.
//
// Status rules:
// - OrderCreated takes the lines first and then stores its outcome in one write: Reserved when it holds every line,
//   Failed with the reason when one cannot be taken. Only where no reservation is stored yet: one stored first (by a
//   concurrent handler of the same order, a cancel or a completion) stands, and the handler acts on that one.
// - Reserved keeps the stock until a cancel or a completion.
// - Failed: whoever finds it gives back whatever the order holds.
// - any -> Cancelled: by OrderCancelled, also before the reservation exists. Whoever finds it Cancelled gives back
//   whatever the order holds, so an OrderCreated that comes after its cancel takes its lines only until it settles.
// - Reserved -> Completed: by OrderCompleted, before the products stop recording the order (its units are sold). An
//   OrderCreated redelivered after that takes the units afresh; it finds the reservation Completed and gives back
//   exactly what it took itself.
// - Reserving: stored only by versions that created the reservation before taking the lines; settled as above.
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

    // The lines an OrderCreated with these items could have taken: none when Reject refuses them, since such an order
    // takes nothing.
    public static IReadOnlyList<ReservationLine> Takeable(IReadOnlyList<ReservationLine> lines) =>
        Reject(lines) is null ? Combine(lines) : [];

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
