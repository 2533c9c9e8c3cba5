namespace MicroShop.Gateway.Telemetry;

// The service defaults export the Meter named after the application.
public static class GatewayTelemetry
{
    public const string Name = "MicroShop.Gateway";
}
