namespace MicroShop.Gateway.Orders;

// The Gateway's own bound on new orders (`Gateway:Admission`): at most how many may be on their way to Orders at once
// (the admission gate halves its bound on each refusal from Orders and raises it back by one per order taken). Below
// saturation an order takes milliseconds, so a few are in flight; when Orders slows down they pile up here, and past
// the bound the Gateway refuses at once instead of queueing them behind the ones Orders is still working on.
public sealed class OrderAdmissionLimits
{
    public const string SectionName = "Gateway:Admission";

    public int MaxOrdersInFlight { get; set; } = 64;
}
