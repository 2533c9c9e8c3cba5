using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.Extensions.Options;
using OrderRefusals = MicroShop.Contracts.Orders.V1.OrderRefusals;

namespace MicroShop.Orders.Admission;

// Admission control for new orders: refuses them while the saga holds more pending orders than it can settle in about
// a second, so that overload is answered at once with UNAVAILABLE (and RetryInfo) instead of piling up in the outbox
// and the broker queues until every order waits for seconds. The count comes from the orders table, shared by every
// instance; it is refreshed by the first new order that finds it older than its lifetime (no traffic, no queries) and
// counts this instance's admissions in between.
public sealed class OrderAdmission(IServiceScopeFactory scopeFactory, IOptions<OrderAdmissionOptions> options, TimeProvider timeProvider)
{
    private long pending;
    private long countDueAt;
    private int refreshing;

    public async ValueTask EnsureCapacityAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (timeProvider.GetTimestamp() >= Interlocked.Read(ref countDueAt) && Interlocked.Exchange(ref refreshing, 1) == 0)
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
                var startedAt = timeProvider.GetTimestamp();
                Interlocked.Exchange(ref pending, await db.Orders.LongCountAsync(order => order.Status == OrderStatus.Pending, cancellationToken));
                Interlocked.Exchange(ref countDueAt, startedAt + (long)(settings.CountLifetime.TotalSeconds * timeProvider.TimestampFrequency));
            }
            finally
            {
                Volatile.Write(ref refreshing, 0);
            }
        }

        if (Interlocked.Read(ref pending) >= settings.MaxPendingOrders)
        {
            throw Refusal(settings.RetryAfter);
        }
    }

    public void Admitted() => Interlocked.Increment(ref pending);

    private static RpcException Refusal(TimeSpan retryAfter) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = "Orders are arriving faster than they can be reserved. Try again shortly.",
            Details =
            {
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
                Any.Pack(new ErrorInfo { Reason = OrderRefusals.BacklogFull, Domain = OrderRefusals.Domain }),
            },
        }.ToRpcException();
}
