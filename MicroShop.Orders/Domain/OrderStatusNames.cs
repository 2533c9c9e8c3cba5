namespace MicroShop.Orders.Domain;

// The one spelling of each status outside the code: the database column, the API and error messages all use it.
public static class OrderStatusNames
{
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

    public static OrderStatus Parse(string name)
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            if (status.ToName() == name)
            {
                return status;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "Not an order status.");
    }
}
