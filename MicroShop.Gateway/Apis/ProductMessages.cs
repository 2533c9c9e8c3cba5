using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;

namespace MicroShop.Gateway.Apis;

// Conversions between the Gateway's JSON and the Products contract.
public static class ProductMessages
{
    public static ProductResponse ToResponse(this Product product) =>
        new(product.Id, product.Name, product.Description, product.Price.ToDecimal(), product.Quantity, product.Category, product.IsActive);

    public static CreateProductRequest ToCreateRequest(this ProductRequest product, DecimalValue? price) => new()
    {
        Name = product.Name ?? "",
        Description = product.Description ?? "",
        Price = price,
        Quantity = product.Quantity,
        Category = product.Category ?? "",
        IsActive = product.IsActive,
    };

    public static UpdateProductRequest ToUpdateRequest(this ProductRequest product, string id, DecimalValue? price, long? expectedVersion) => new()
    {
        Id = id,
        Name = product.Name ?? "",
        Description = product.Description ?? "",
        Price = price,
        Quantity = product.Quantity,
        Category = product.Category ?? "",
        IsActive = product.IsActive,
        ExpectedVersion = expectedVersion,
    };

    // JSON carries any decimal; the wire carries units that fit a long and nine decimal places. A price it cannot
    // carry exactly is refused here rather than rounded into a different, possibly valid, price.
    public static bool TryToDecimalValue(decimal? price, out DecimalValue? value)
    {
        value = null;
        if (price is not { } amount)
        {
            return true;
        }

        if (decimal.Truncate(amount) < long.MinValue || decimal.Truncate(amount) > long.MaxValue)
        {
            return false;
        }

        value = DecimalValue.FromDecimal(amount);
        return value.ToDecimal() == amount;
    }
}
