using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.Extensions.Options;
using OrderRefusals = MicroShop.Contracts.Orders.V1.OrderRefusals;

namespace MicroShop.Orders.Admission;

// Admission control for new orders: refuses them while the saga holds more pending orders than it can settle in well
// under a second, so that overload is answered at once with UNAVAILABLE (and RetryInfo) instead of piling up in the
// outbox and the broker queues until every order waits for seconds. Pending orders are counted in the orders table,
// which every instance shares, by the first new order that finds the count older than its lifetime (no traffic, no
// queries); in between, this instance adds the orders it admitted since, and the creates it is still running.
public sealed class OrderAdmission(IServiceScopeFactory scopeFactory, IOptions<OrderAdmissionOptions> options, TimeProvider timeProvider)
{
    private long counted;
    private long admittedSinceCount;
    private long inFlight;
    private long countDueAt;

    // One count at a time; the creates that find the count due wait for it rather than judge by the old one (after a
    // quiet spell, a burst would otherwise be measured against the backlog of long ago).
    private readonly SemaphoreSlim counting = new(1, 1);

    // A ticket for one create: dispose it when the create ends, after Placed() if it stored the order.
    public async ValueTask<AdmissionTicket> AdmitAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (CountIsDue())
        {
            await counting.WaitAsync(cancellationToken);
            try
            {
                if (CountIsDue())
                {
                    await CountAsync(settings.CountLifetime, cancellationToken);
                }
            }
            finally
            {
                counting.Release();
            }
        }

        if (HeadroomWith(Interlocked.Increment(ref inFlight)) < 0)
        {
            Interlocked.Decrement(ref inFlight);
            throw Refusal(settings.RetryAfter);
        }

        return new AdmissionTicket(this);
    }

    // How many more creates would be admitted now, as this instance counts; 0 or less when full.
    public long Headroom => HeadroomWith(Interlocked.Read(ref inFlight));

    // The bound less the pending orders counted, those admitted since and the creates running.
    private long HeadroomWith(long running) =>
        options.Value.MaxPendingOrders - Interlocked.Read(ref counted) - Interlocked.Read(ref admittedSinceCount) - running;

    private bool CountIsDue() => timeProvider.GetTimestamp() >= Interlocked.Read(ref countDueAt);

    private async Task CountAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var startedAt = timeProvider.GetTimestamp();
        var admittedBefore = Interlocked.Read(ref admittedSinceCount);
        try
        {
            var pending = await db.Orders.LongCountAsync(order => order.Status == OrderStatus.Pending, cancellationToken);

            // Orders placed while the count ran may or may not be in it: they stay counted, an overestimate for one lifetime.
            Interlocked.Add(ref admittedSinceCount, -admittedBefore);
            Interlocked.Exchange(ref counted, pending);
        }
        finally
        {
            // A count that failed (the database is away) is not tried again by every waiting create, one after another.
            Interlocked.Exchange(ref countDueAt, startedAt + (long)(lifetime.TotalSeconds * timeProvider.TimestampFrequency));
        }
    }

    private static RpcException Refusal(TimeSpan retryAfter) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = OrderRefusals.BacklogFullMessage,
            Details =
            {
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
                Any.Pack(new ErrorInfo { Reason = OrderRefusals.BacklogFull, Domain = OrderRefusals.Domain }),
            },
        }.ToRpcException();

    // Ends one admitted create: an order it placed is pending until the next count includes it.
    internal void End(bool placed)
    {
        if (placed)
        {
            Interlocked.Increment(ref admittedSinceCount);
        }

        Interlocked.Decrement(ref inFlight);
    }
}
