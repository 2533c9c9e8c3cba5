using System.Diagnostics;

namespace MicroShop.Orders.Telemetry;

// The service defaults export the ActivitySource and Meter named after the application.
public static class OrdersTelemetry
{
    public const string Name = "MicroShop.Orders";

    public static readonly ActivitySource ActivitySource = new(Name);
}
