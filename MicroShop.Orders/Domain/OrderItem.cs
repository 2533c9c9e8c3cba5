namespace MicroShop.Orders.Domain;

// One line of an order: the price is the product's price when the order was placed, so the total never moves.
public sealed class OrderItem
{
    // Products are identified by MongoDB ObjectIds: 24 hexadecimal digits.
    public const int ProductIdLength = 24;
    public const int MinQuantity = 1;
    public const int MaxQuantity = 10_000;

    // Money is kept in whole cents; a finer price would change on its way through the database.
    public const int PriceDecimals = 2;

    public OrderItem(string productId, int quantity, decimal unitPrice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, MinQuantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, MaxQuantity);
        ArgumentOutOfRangeException.ThrowIfNegative(unitPrice);
        if (decimal.Round(unitPrice, PriceDecimals) != unitPrice)
        {
            throw new ArgumentException($"A price has at most {PriceDecimals} decimals.", nameof(unitPrice));
        }

        ProductId = productId;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public string ProductId { get; private set; }

    public int Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal LineTotal => UnitPrice * Quantity;
}
