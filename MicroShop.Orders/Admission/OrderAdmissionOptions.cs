namespace MicroShop.Orders.Admission;

// Bound in "Orders:Admission" (Orders__Admission__MaxPendingOrders in the environment).
public sealed class OrderAdmissionOptions
{
    public const string SectionName = "Orders:Admission";

    // The saga's work in progress: orders placed (or being placed) whose reservation outcome has not come back. By
    // Little's law an order waits about this many orders' worth of the saga's throughput: 200 is under a second at
    // 250 orders/s however far the offered load exceeds capacity, lets a burst of a hundred concurrent orders in, and
    // is many times the dozen orders that keep every step of the saga busy (throughput × its unloaded latency, ~50 ms).
    public int MaxPendingOrders { get; set; } = 200;

    // How old the count of pending orders may be before a new order refreshes it.
    public TimeSpan CountLifetime { get; set; } = TimeSpan.FromMilliseconds(100);

    // What a refused client is told to wait (RetryInfo, which the Gateway turns into Retry-After).
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
