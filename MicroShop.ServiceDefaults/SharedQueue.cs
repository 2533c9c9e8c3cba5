using System.Data.Common;
using System.Net.Sockets;
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

    // While a server the consumer needs is down (its database, mostly), the message waits for it in memory, for up to
    // a minute and a half, instead of moving to the error queue: an outage is no fault of the message.
    public static void OutageRetry(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(IsOutage);
        retry.Exponential(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
    }

    // A server that did not answer or could not be reached, anywhere in the exception's chain.
    private static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException or SocketException or IOException or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
