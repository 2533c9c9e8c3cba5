namespace MicroShop.Orders.Messaging;

// What a reservation outcome did, once committed.
public enum ReservationOutcomeEffect
{
    // The pending order took it: PRODUCT_RESERVED or FAILED.
    Taken,

    // The order had been cancelled: OrderCancelled is in the outbox again, for Products to release the stock.
    ReleaseRequested,

    // The order had already moved on; nothing changed.
    Ignored,

    // No such order: the message is a fault.
    UnknownOrder,
}
