using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;
using Product = MicroShop.Products.Domain.Product;
using ProductMessage = MicroShop.Contracts.Products.V1.Product;

namespace MicroShop.Products.Grpc;

// Conversions between the contract's messages and the domain.
public static class ProductMessages
{
    // nanos holds nine decimal digits and carries the sign of units.
    private const int MaxNanos = 999_999_999;

    public static ProductMessage ToMessage(this Product product) => new()
    {
        Id = product.Id,
        Name = product.Name,
        Description = product.Description,
        Price = DecimalValue.FromDecimal(product.Price),
        Quantity = product.Quantity,
        Category = product.Category,
        IsActive = product.IsActive,
        Version = product.Version,
    };

    public static ProductDetails ToDetails(this CreateProductRequest request) =>
        new(request.Name, request.Description, request.Price?.ToPrice(), request.Quantity, request.Category, request.IsActive);

    public static ProductDetails ToDetails(this UpdateProductRequest request) =>
        new(request.Name, request.Description, request.Price?.ToPrice(), request.Quantity, request.Category, request.IsActive);

    // The domain's rules, plus the one the wire adds: a price that is not a well-formed DecimalValue.
    public static IReadOnlyList<ValidationError> ValidateWithWirePrice(this ProductDetails details, DecimalValue? price)
    {
        var errors = details.Validate();
        if (price is null || price.ToPrice() is not null)
        {
            return errors;
        }

        return [.. errors.Where(error => error.Field != "price"),
            new ValidationError("price", "A price's nanos are within ±999,999,999 and share the sign of its units.")];
    }

    private static decimal? ToPrice(this DecimalValue price) =>
        price.Nanos is >= -MaxNanos and <= MaxNanos && (price.Units == 0 || price.Nanos == 0 || (price.Units > 0) == (price.Nanos > 0))
            ? price.ToDecimal()
            : null;
}
