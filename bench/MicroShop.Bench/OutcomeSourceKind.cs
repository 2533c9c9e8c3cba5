namespace MicroShop.Bench;

public enum OutcomeSourceKind
{
    // One query for every pending order per tick: status and updated_at as Orders recorded them.
    OrdersTable,

    // GET /orders/{id} for each pending order per tick: the public API, at the price of extra load on the system.
    GatewayPolling,
}
