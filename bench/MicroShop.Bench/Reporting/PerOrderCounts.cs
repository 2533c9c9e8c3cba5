using MicroShop.Bench.Floor;

namespace MicroShop.Bench.Reporting;

// What one order costs in each floor's operation: the composite ceiling weighs every floor by its count.
public static class PerOrderCounts
{
    public static IReadOnlyList<PerOrderCount> All { get; } =
    [
        // POST /orders is one HTTP request that the Gateway turns into one gRPC call.
        new(FloorNames.GatewayRead, 1),

        // Orders prices orders from its catalog cache: no call to Products while the products are known.
        new(FloorNames.DirectRead, 0),

        // OrderCreated out to Products, the outcome back to Orders.
        new(FloorNames.RoundTrip, 1),

        // Placing the order, and the outcome's update as one more; the relay's batched transaction is amortized.
        new(FloorNames.OrderInsert, 2),

        // Taking the line (1.1 lines an order), then storing the reservation's outcome.
        new(FloorNames.StockUpdate, 2.1),
    ];
}
