using MicroShop.Contracts.Orders.V1;

namespace MicroShop.Gateway.Orders;

// The statuses as the Gateway's JSON spells them, without the proto's ORDER_STATUS_ prefix.
public static class OrderStatusNames
{
    private static readonly OrderStatus[] Statuses =
    [
        OrderStatus.Pending,
        OrderStatus.ProductReserved,
        OrderStatus.Confirmed,
        OrderStatus.Failed,
        OrderStatus.Completed,
        OrderStatus.Cancelled,
    ];

    public static string All { get; } = string.Join(", ", Statuses.Select(ToName));

    public static string ToName(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => "PENDING",
        OrderStatus.ProductReserved => "PRODUCT_RESERVED",
        OrderStatus.Confirmed => "CONFIRMED",
        OrderStatus.Failed => "FAILED",
        OrderStatus.Completed => "COMPLETED",
        OrderStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string name, out OrderStatus status)
    {
        status = Statuses.FirstOrDefault(candidate => string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase));
        return status != OrderStatus.Unspecified;
    }
}
