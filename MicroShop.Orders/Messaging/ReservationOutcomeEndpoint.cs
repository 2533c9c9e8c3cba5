using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Messaging;

// The one queue both reservation outcomes arrive on.
public static class ReservationOutcomeEndpoint
{
    // Outcomes of different orders are independent; a few at a time keeps the database pool free for requests.
    public static readonly SharedQueue Settings =
        new(MessageTopology.ReservationOutcomeQueue, MessageTopology.OrdersExchange, ConcurrentMessageLimit: 8);
}
