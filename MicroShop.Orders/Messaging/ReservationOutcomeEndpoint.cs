using MassTransit;

namespace MicroShop.Orders.Messaging;

// The one queue both reservation outcomes arrive on, and how its consumers treat failures.
public static class ReservationOutcomeEndpoint
{
    // Outcomes of different orders are independent; a few at a time keeps the database pool free for requests.
    public const int ConcurrentMessageLimit = 8;

    // Immediate, in-process retries: a lost optimistic-concurrency race or a database hiccup usually clears within
    // seconds. RabbitMQ here has no delayed-exchange plugin, so there is no delayed redelivery; what still fails moves
    // to the _error queue with MassTransit's fault headers.
    public static void ConfigureRetry(IRetryConfigurator retry) =>
        retry.Intervals(
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2));
}
