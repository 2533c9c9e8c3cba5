using MicroShop.Contracts.Orders.V1;

namespace MicroShop.Gateway.Orders;

// What every /orders handler needs, bound with [AsParameters].
public sealed record OrderServices(Ordering.OrderingClient Ordering, ProductNames ProductNames)
{
    // Every order the Gateway returns carries its products' names, looked up in one call.
    public async Task<OrderResponse> ToResponseAsync(Order order, CancellationToken cancellationToken) =>
        order.ToResponse(await ProductNames.LookupAsync(order.Items.Select(item => item.ProductId), cancellationToken));
}
