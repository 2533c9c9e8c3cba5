namespace MicroShop.Gateway.Orders;

// The Gateway's own bound on new orders (`Gateway:Admission`): at most how many may be on their way to Orders at once
// (the admission gate halves its bound each time a refusal from Orders shuts it, and raises it back by one per order
// taken). Below saturation an order takes milliseconds, so a few are in flight; when Orders slows down they pile up
// here, and past the bound the Gateway refuses at once instead of queueing them behind the ones Orders is still
// working on.
public sealed class OrderAdmissionLimits
{
    public const string SectionName = "Gateway:Admission";

    // Above Orders' own bound (200 pending orders): at its maximum the Gateway never refuses a burst Orders would take
    // (an idle shop takes 100 orders at once); it refuses first only once a refusal from Orders has lowered the bound.
    public int MaxOrdersInFlight { get; set; } = 256;
}
