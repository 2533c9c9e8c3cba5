namespace MicroShop.Products.Domain;

// A restock (positive) or write-off (negative). Stock never goes below zero, nor past what an int32 holds.
// Whether a product qualifies is decided by the store in the same atomic write that applies the change,
// so concurrent adjustments cannot both pass a check that only one of them may.
public readonly record struct StockAdjustment(int Delta)
{
    // Widened: -int.MinValue does not fit in an int.
    public long MinimumStockBefore => Math.Max(0, -(long)Delta);

    public long MaximumStockBefore => int.MaxValue - Math.Max(0L, Delta);

    public IReadOnlyList<ValidationError> Validate() =>
        Delta == 0 ? [new ValidationError("delta", "A stock adjustment is not zero.")] : [];
}
