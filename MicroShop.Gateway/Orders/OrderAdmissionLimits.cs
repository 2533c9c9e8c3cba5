namespace MicroShop.Gateway.Orders;

// The Gateway's own bound on new orders (`Gateway:Admission`): how many may be on their way to Orders at once. Below
// saturation an order takes milliseconds, so a few are in flight; when Orders slows down they pile up here, and past
// the bound the Gateway refuses at once instead of queueing them behind the ones Orders is still working on.
public sealed class OrderAdmissionLimits
{
    public const string SectionName = "Gateway:Admission";

    public int MaxOrdersInFlight { get; set; } = 64;
}
