using MicroShop.Contracts.Messages;

namespace MicroShop.Orders.Messaging;

// The saga's messages about an order, as Products reads them.
public static class OrderMessageMapping
{
    // OrderCancelled always carries a reason; a client may cancel without giving one.
    public const string DefaultCancellationReason = "cancelled";

    public static OrderCreated ToOrderCreated(this Order order) => new(order.Id, order.UserId, Lines(order), order.CreatedAt);

    public static OrderCompleted ToOrderCompleted(this Order order) => new(order.Id, order.UpdatedAt);

    public static OrderCancelled ToOrderCancelled(this Order order, DateTimeOffset cancelledAt) =>
        new(order.Id, order.FailureReason ?? DefaultCancellationReason, cancelledAt, Lines(order));

    private static List<OrderLine> Lines(Order order) =>
        [.. order.Items.Select(item => new OrderLine(item.ProductId, item.Quantity, item.UnitPrice))];
}
