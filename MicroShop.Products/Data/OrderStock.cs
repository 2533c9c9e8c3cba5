namespace MicroShop.Products.Data;

// An order's units on the product documents: taking one line, giving every line back. Each product write is
// one conditional update that records the order on the product, so it happens at most once per order and
// product, whoever runs it and however often.
public sealed class OrderStock(ProductRepository products)
{
    // A failed take is explained by a read; when the read shows a product that qualifies after all (units were
    // given back in between), the take is tried again, this many times at most before the message is retried.
    private const int MaxTakeAttempts = 3;

    // Whether the order holds the line's units now, taken by this call or before it; otherwise why the product cannot
    // supply them.
    public async Task<LineTake> TakeAsync(string orderId, ReservationLine line, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(line.ProductId, out var id))
        {
            return LineTake.Refused(StockRefusal.UnknownProduct(line.ProductId));
        }

        for (var attempt = 1; attempt <= MaxTakeAttempts; attempt++)
        {
            if (await products.TakeForOrderAsync(id, orderId, line.Quantity, line.UnitPrice, cancellationToken))
            {
                return LineTake.Taken;
            }

            if (await products.HoldsForOrderAsync(id, orderId, cancellationToken))
            {
                return LineTake.Held;
            }

            if (await products.FindAsync(id, cancellationToken) is not { } product)
            {
                return LineTake.Refused(StockRefusal.UnknownProduct(line.ProductId));
            }

            if (StockRefusal.Explain(product, line.Quantity, line.UnitPrice) is { } refusal)
            {
                return LineTake.Refused(refusal);
            }
        }

        throw new InvalidOperationException($"The stock of product {line.ProductId} kept changing while order {orderId} took it.");
    }

    // Gives back whatever the order holds of these lines; lines it does not hold are left alone.
    // Returns how many lines were given back.
    public Task<int> ReleaseAsync(string orderId, IEnumerable<ReservationLine> lines, CancellationToken cancellationToken) =>
        ForEachHeldLineAsync(lines, (id, line) => products.ReleaseForOrderAsync(id, orderId, line.Quantity, cancellationToken));

    // Keeps the units of a completed order taken for good: its products stop recording the order, so nothing can
    // give them back. Returns how many lines were settled.
    public Task<int> SettleAsync(string orderId, IEnumerable<ReservationLine> lines, CancellationToken cancellationToken) =>
        ForEachHeldLineAsync(lines, (id, _) => products.SettleForOrderAsync(id, orderId, cancellationToken));

    private static async Task<int> ForEachHeldLineAsync(IEnumerable<ReservationLine> lines, Func<ObjectId, ReservationLine, Task<bool>> apply)
    {
        var applied = 0;
        foreach (var line in lines)
        {
            if (ObjectId.TryParse(line.ProductId, out var id) && await apply(id, line))
            {
                applied++;
            }
        }

        return applied;
    }
}
