using MicroShop.Contracts.Orders.V1;

namespace MicroShop.Gateway.Orders;

// What every /orders handler needs, bound with [AsParameters].
public sealed record OrderServices(Ordering.OrderingClient Ordering, ProductNames ProductNames)
{
    // Every order the Gateway returns carries its products' names: the ones Orders sent along (a new order's), or
    // else looked up in one call.
    public async Task<OrderResponse> ToResponseAsync(Order order, CancellationToken cancellationToken) =>
        order.ToResponse(order.Items.All(item => item.HasProductName)
            ? order.Items.ToDictionary(item => item.ProductId, item => item.ProductName)
            : await ProductNames.LookupAsync(order.Items.Select(item => item.ProductId), cancellationToken));
}
