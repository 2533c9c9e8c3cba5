using MicroShop.Contracts.Orders.V1;

namespace MicroShop.Gateway.Orders;

public static class OrderResponseMapping
{
    public static OrderResponse ToResponse(this Order order, IReadOnlyDictionary<string, string> productNames) =>
        new(
            order.Id,
            order.UserId,
            [.. order.Items.Select(item => new OrderItemResponse(
                item.ProductId,
                productNames.GetValueOrDefault(item.ProductId),
                item.Quantity,
                item.UnitPrice.ToDecimal()))],
            order.Total.ToDecimal(),
            order.Status.ToName(),
            order.HasFailureReason ? order.FailureReason : null,
            order.CreatedAt.ToDateTimeOffset(),
            order.UpdatedAt.ToDateTimeOffset());
}
