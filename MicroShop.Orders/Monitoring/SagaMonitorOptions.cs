namespace MicroShop.Orders.Monitoring;

// Bound to the "Orders:Saga" section: Orders:Saga:StuckPendingAfter (Orders__Saga__StuckPendingAfter in the environment).
public sealed class SagaMonitorOptions
{
    public const string SectionName = "Orders:Saga";

    // An order normally leaves PENDING within milliseconds; one that has waited this long is stuck (Products or the
    // broker away, an OrderCreated parked or dead-lettered).
    public TimeSpan StuckPendingAfter { get; set; } = TimeSpan.FromMinutes(1);
}
