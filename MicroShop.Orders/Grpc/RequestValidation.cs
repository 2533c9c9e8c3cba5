using MicroShop.Contracts.Orders.V1;
using MicroShop.Contracts.Products.V1;
using Order = MicroShop.Orders.Domain.Order;
using OrderItem = MicroShop.Orders.Domain.OrderItem;

namespace MicroShop.Orders.Grpc;

// The checks a request must pass before the domain sees it, each failure named after its proto field.
public static class RequestValidation
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static Guid ParseOrderId(string id) =>
        Guid.TryParse(id, out var orderId)
            ? orderId
            : throw FieldViolations.Single("id", "Must be an order id (a UUID).");

    public static void ValidateShape(CreateOrderRequest request)
    {
        var violations = new FieldViolations();
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            violations.Add("user_id", "Is required.");
        }
        else
        {
            CheckIdentifier(violations, "user_id", request.UserId, Order.UserIdMaxLength);
        }

        CheckIdentifier(violations, "idempotency_key", request.IdempotencyKey, Order.IdempotencyKeyMaxLength);

        if (request.Items.Count is 0 or > Order.MaxItems)
        {
            violations.Add("items", $"An order has 1 to {Order.MaxItems} items.");
        }

        var firstLineOfProduct = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < request.Items.Count; index++)
        {
            var item = request.Items[index];
            if (!IsProductId(item.ProductId))
            {
                violations.Add($"items[{index}].product_id", "Must be a product id (24 hexadecimal digits).");
            }
            else if (!firstLineOfProduct.TryAdd(item.ProductId, index))
            {
                violations.Add(
                    $"items[{index}].product_id",
                    $"Product {item.ProductId} is already on items[{firstLineOfProduct[item.ProductId]}]; put its whole quantity on one line.");
            }

            if (item.Quantity is < OrderItem.MinQuantity or > OrderItem.MaxQuantity)
            {
                violations.Add($"items[{index}].quantity", $"Must be {OrderItem.MinQuantity} to {OrderItem.MaxQuantity:N0}.");
            }
        }

        violations.ThrowIfAny();
    }

    public static void ValidateAgainstCatalog(CreateOrderRequest request, IReadOnlyDictionary<string, Product> products)
    {
        var violations = new FieldViolations();
        for (var index = 0; index < request.Items.Count; index++)
        {
            var productId = request.Items[index].ProductId;
            if (!products.TryGetValue(productId, out var product))
            {
                violations.Add($"items[{index}].product_id", $"Product {productId} does not exist.");
            }
            else if (!product.IsActive)
            {
                violations.Add($"items[{index}].product_id", $"Product {productId} is not available (inactive).");
            }
        }

        violations.ThrowIfAny();
    }

    public static void ValidateCancellation(CancelOrderRequest request)
    {
        if (request.Reason.Length > Order.FailureReasonMaxLength)
        {
            throw FieldViolations.Single("reason", $"Has at most {Order.FailureReasonMaxLength} characters.");
        }

        // Line breaks are fine in a reason; PostgreSQL text cannot hold NUL.
        if (request.Reason.Contains('\0', StringComparison.Ordinal))
        {
            throw FieldViolations.Single("reason", "Must not contain the NUL character.");
        }
    }

    public static (int Page, int PageSize) ValidatePaging(ListOrdersRequest request)
    {
        var violations = new FieldViolations();
        var page = request.HasPage ? request.Page : 1;
        var pageSize = request.HasPageSize ? request.PageSize : DefaultPageSize;
        if (page < 1)
        {
            violations.Add("page", "Must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            violations.Add("page_size", $"Must be 1 to {MaxPageSize}.");
        }
        else if ((long)(page - 1) * pageSize > int.MaxValue)
        {
            violations.Add("page", "Is beyond the last possible page.");
        }

        CheckIdentifier(violations, "user_id", request.UserId, Order.UserIdMaxLength);
        if (!Enum.IsDefined(request.Status))
        {
            violations.Add("status", "Is not an order status.");
        }

        violations.ThrowIfAny();
        return (page, pageSize);
    }

    // Identifiers are compared and indexed as text: control characters (NUL among them, which PostgreSQL text
    // cannot hold) only ever arrive by mistake.
    private static void CheckIdentifier(FieldViolations violations, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            violations.Add(field, $"Has at most {maxLength} characters.");
        }
        else if (value.Any(char.IsControl))
        {
            violations.Add(field, "Must not contain control characters.");
        }
    }

    // MongoDB ObjectIds: 24 hexadecimal digits.
    private static bool IsProductId(string productId) =>
        productId.Length == OrderItem.ProductIdLength && productId.All(char.IsAsciiHexDigit);
}
