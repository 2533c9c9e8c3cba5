namespace MicroShop.Contracts.Messages;

// The saga's RabbitMQ topology: two durable topic exchanges, one per direction, and one queue per consumer side.
public static class MessageTopology
{
    public const string ProductsExchange = "products_exchange";
    public const string OrderCreatedRoutingKey = "order.created";
    public const string OrderCancelledRoutingKey = "order.cancelled";
    public const string OrderCompletedRoutingKey = "order.completed";
    public const string ProductReservationQueue = "product_reservation_queue";

    public const string OrdersExchange = "orders_exchange";
    public const string ProductsReservedRoutingKey = "reservation.succeeded";
    public const string ProductReservationFailedRoutingKey = "reservation.failed";
    public const string ReservationOutcomeQueue = "order_reservation_outcome_queue";

    // MassTransit moves a message that exhausted its retries to "<queue>_error".
    public const string ErrorQueueSuffix = "_error";

    // Catalog changes, for every instance that keeps a copy of products; each instance has a queue of its own.
    public const string CatalogExchange = "catalog_exchange";
    public const string ProductChangedRoutingKey = "product.changed";
    public const string ProductStockChangedRoutingKey = "product.stock.changed";

    // Both of the above, for a copy that shows stock too.
    public const string AnyProductChangeRoutingPattern = "product.#";

    public static IReadOnlyList<string> ConsumerQueues { get; } = [ProductReservationQueue, ReservationOutcomeQueue];
}
