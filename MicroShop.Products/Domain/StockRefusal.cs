namespace MicroShop.Products.Domain;

// Why a product cannot supply an order line, in words for people; the saga forwards them to the order.
public static class StockRefusal
{
    public static string UnknownProduct(string productId) => $"product {productId} does not exist";

    // Null when the product could supply the quantity as it stands.
    public static string? Explain(Product product, int requested) =>
        !product.IsActive
            ? $"product '{product.Name}' is not active"
            : product.Quantity < requested
                ? $"insufficient stock for '{product.Name}': requested {requested}, available {product.Quantity}"
                : null;
}
