namespace MicroShop.Orders.Messaging;

// Bound to the "Orders" section: Orders:ReservationExpiry (Orders__ReservationExpiry in the environment).
public sealed class ReservationExpiryOptions
{
    public const string SectionName = "Orders";

    // How long an order may hold reserved stock without being confirmed before it is cancelled.
    public TimeSpan ReservationExpiry { get; set; } = TimeSpan.FromMinutes(15);
}
