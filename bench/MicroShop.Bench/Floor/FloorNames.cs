namespace MicroShop.Bench.Floor;

public static class FloorNames
{
    public const string DirectRead = "gRPC GetProduct direct to Products";
    // Past the Gateway's product cache (Cache-Control: no-cache): one HTTP request, one gRPC call, as POST /orders.
    public const string GatewayRead = "GET /products/{id} through the Gateway, no-cache";
    public const string CachedGatewayRead = "GET /products/{id} through the Gateway, cached";
    public const string Publish = "MassTransit persistent publish -> consume";
    public const string SequentialPublish = "MassTransit publish, one at a time (confirmed)";
    public const string RoundTrip = "MassTransit round trip, two services";
    public const string OrderInsert = "PostgreSQL order+item+outbox tx";
    public const string StockUpdate = "MongoDB conditional $inc -1";
}
