using MassTransit;

namespace MicroShop.Products.Messaging;

// What both consumers of product_reservation_queue share: they run on one queue, so its settings live in one place.
public static class ReservationQueue
{
    // Each message is a handful of single-document writes; more at once would only queue up at MongoDB.
    public const int ConcurrentMessageLimit = 16;

    // In-process retries for transient failures (a MongoDB blip, a broken connection). RabbitMQ here has no
    // delayed-exchange plugin, so there is no delayed redelivery; after the last retry MassTransit moves the
    // message to product_reservation_queue_error with its MT-Fault-* headers.
    public static void Retry(IRetryConfigurator retry) =>
        retry.Intervals(
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2));
}
