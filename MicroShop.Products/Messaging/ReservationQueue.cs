using MicroShop.ServiceDefaults;

namespace MicroShop.Products.Messaging;

// product_reservation_queue: every message about an order's stock, on one queue.
public static class ReservationQueue
{
    // Each message is a handful of single-document writes; more at once would only queue up at MongoDB.
    public static readonly SharedQueue Settings =
        new(MessageTopology.ProductReservationQueue, MessageTopology.ProductsExchange, ConcurrentMessageLimit: 16);
}
