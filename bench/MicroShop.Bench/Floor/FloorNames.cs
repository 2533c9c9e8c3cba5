namespace MicroShop.Bench.Floor;

public static class FloorNames
{
    public const string DirectRead = "gRPC GetProduct direct to Products";
    public const string GatewayRead = "GET /products/{id} through the Gateway";
    public const string Publish = "MassTransit persistent publish -> consume";
    public const string SequentialPublish = "MassTransit publish, one at a time (confirmed)";
    public const string RoundTrip = "MassTransit round trip, two services";
    public const string OrderInsert = "PostgreSQL order+item+outbox tx";
    public const string StockUpdate = "MongoDB conditional $inc -1";
}
