using System.Globalization;

namespace MicroShop.Products.Domain;

// Why a product cannot supply an order line, in words for people; the saga forwards them to the order.
public static class StockRefusal
{
    public static string UnknownProduct(string productId) => $"product {productId} does not exist";

    // Null when the product could supply the quantity, at the price the order captured, as it stands.
    public static string? Explain(Product product, int requested, decimal? price) => product switch
    {
        { IsActive: false } => $"product '{product.Name}' is not active",
        _ when price is { } captured && captured != product.Price =>
            $"the price of '{product.Name}' changed from {Money(captured)} to {Money(product.Price)} after the order was placed",
        _ when product.Quantity < requested => $"insufficient stock for '{product.Name}': requested {requested}, available {product.Quantity}",
        _ => null,
    };

    // Cents always shown, finer fractions only when there are any.
    private static string Money(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);
}
