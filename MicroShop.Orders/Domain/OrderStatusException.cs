namespace MicroShop.Orders.Domain;

// A transition the order's current status does not allow.
public sealed class OrderStatusException(Guid orderId, OrderStatus currentStatus, string action)
    : InvalidOperationException($"Order {orderId} cannot be {action}: its status is {currentStatus.ToName()}.")
{
    public Guid OrderId { get; } = orderId;

    public OrderStatus CurrentStatus { get; } = currentStatus;
}
