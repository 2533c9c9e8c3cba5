using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Messaging;

// The one queue both reservation outcomes arrive on.
public static class ReservationOutcomeEndpoint
{
    // Outcomes of different orders are independent. The consumers hold no database connection while they wait for
    // ReservationOutcomeWriter, which writes every outcome waiting at once in one batch on one connection: this limit is
    // the largest batch.
    public static readonly SharedQueue Settings =
        new(MessageTopology.ReservationOutcomeQueue, MessageTopology.OrdersExchange, ConcurrentMessageLimit: 32);
}
