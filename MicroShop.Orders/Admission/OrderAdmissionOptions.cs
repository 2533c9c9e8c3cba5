namespace MicroShop.Orders.Admission;

// Bound in "Orders:Admission" (Orders__Admission__MaxPendingOrders in the environment).
public sealed class OrderAdmissionOptions
{
    public const string SectionName = "Orders:Admission";

    // The saga's work in progress: orders placed whose reservation outcome has not come back. By Little's law, a bound
    // of about one second of the saga's throughput keeps every accepted order's outcome within a few seconds, however
    // far the offered load exceeds capacity.
    public int MaxPendingOrders { get; set; } = 300;

    // How old the count of pending orders may be before a new order refreshes it.
    public TimeSpan CountLifetime { get; set; } = TimeSpan.FromMilliseconds(100);

    // What a refused client is told to wait (RetryInfo, which the Gateway turns into Retry-After).
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
