using MassTransit;

namespace MicroShop.ServiceDefaults;

// A queue that several consumers share, each bound to the queue's topic exchange by the routing key of its
// message: one place for what they must agree on.
public sealed record SharedQueue(string Name, string Exchange, int ConcurrentMessageLimit)
{
    // Immediate, in-process retries for transient failures (a database blip, a lost optimistic-concurrency race,
    // a broken connection). RabbitMQ here has no delayed-exchange plugin, so there is no delayed redelivery; what
    // still fails moves to "<queue>_error" with MassTransit's MT-Fault-* headers.
    public static void Retry(IRetryConfigurator retry) =>
        retry.Intervals(
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2));
}
