using System.Globalization;
using MicroShop.Contracts.Orders.V1;
using Microsoft.Extensions.Options;
using ErrorInfo = Google.Rpc.ErrorInfo;

namespace MicroShop.Gateway.Orders;

// Orders refuses new orders while its saga is full (admission control). After such a refusal the Gateway refuses new
// orders itself, with the same answer, rather than pass each one on to be refused: under a flash sale most requests
// then cost the Gateway a few microseconds and Orders nothing.
// After a moment one order, the probe, goes through to find out whether there is room again; the others are refused
// until its answer is back (a circuit breaker's half-open state).
// How many orders may be on their way to Orders at once adapts the way TCP's congestion window does (additive
// increase, multiplicative decrease): each closing after a refusal from Orders halves the bound, each order Orders
// takes raises it by one, up to `Gateway:Admission:MaxOrdersInFlight`. With a fixed bound, every reopening sent
// Orders a burst of orders that its stale count admitted or that it refused slowly, under overload; orders past the
// bound are refused here at once.
// Orders also says, with every order it takes, how many more it would take at that moment (its headroom): until the
// next answer, or for 100 ms, the Gateway lets no more than that through and refuses the rest itself, so that a full
// Orders is seldom asked at all. Each order let through has a place, and the headroom reaches up to the answered
// order's place plus the headroom: the orders let through after it count against it, since Orders may not have seen
// them yet (those it had seen count twice, which errs towards refusing here). Taking each answer's headroom afresh
// instead let the same room be spent once per answer, and Orders refused the excess, slowly. Answers are handled
// concurrently, so an older one can come after a newer one; it reaches no further than the newer, having been
// computed before the orders in between were taken. Once that headroom is spent, the gate shuts as after a refusal,
// without halving the bound.
// None of that reacts while nothing is answered: when the way to Orders stalls (a machine with no core to spare,
// a paused database, a long GC), the headroom goes stale and orders pile up to the bound, to be refused late,
// after the stall, by a full Orders. So while some orders are out and none has been answered for a while, the new ones
// are refused at once, until an answer comes.
public sealed class OrderAdmissionGate(TimeProvider timeProvider, IOptions<OrderAdmissionLimits> limits)
{
    // Orders recounts its pending orders at most every 100 ms; asking more often would only be refused.
    private static readonly TimeSpan ClosedFor = TimeSpan.FromMilliseconds(100);

    // A probe whose answer never comes back (its client went away) does not keep the gate shut: another goes after this.
    private static readonly TimeSpan ProbeFor = TimeSpan.FromSeconds(1);

    // A stall: this many orders out and none answered for this long. Below saturation an order takes milliseconds and
    // answers come every few; fewer orders out are a quiet shop, whose single slow order is no stall.
    private static readonly TimeSpan StalledAfter = TimeSpan.FromMilliseconds(250);
    private const int StalledInFlight = 8;

    // The gate's states; an int, so that the open path reads it without the lock.
    private const int Open = 0;
    private const int Closed = 1;
    private const int Probing = 2;

    private readonly Lock transition = new();
    private int state = Open;
    private long nextProbeAt;
    private long retryAfterTicks = TimeSpan.FromSeconds(1).Ticks;
    private int inFlight;
    private readonly int maxOrdersInFlight = limits.Value.MaxOrdersInFlight;
    private int bound = limits.Value.MaxOrdersInFlight;

    // How many orders were let through so far (each order's place), the place up to which Orders' last reported
    // headroom reaches, and when it was reported; before its first answer there is no limit.
    private long admitted;
    private long headroomEndsAt = long.MaxValue;
    private long headroomHeardAt;

    // The last answer, or the first order out after none was.
    private long progressAt;

    // How many new orders are on their way to Orders, and how many may be at most now.
    public int OrdersOut => Volatile.Read(ref inFlight);

    public int Limit => Volatile.Read(ref bound);

    public static bool IsRefusal(RpcException exception) =>
        exception.StatusCode == StatusCode.Unavailable
        && exception.GetRpcStatus()?.GetDetail<ErrorInfo>() is { Reason: OrderRefusals.BacklogFull, Domain: OrderRefusals.Domain };

    // Whether a new order may go on to Orders: while the gate is open, as long as the bound on orders in flight and
    // Orders' headroom allow and the orders out are moving; once it is shut, only the probe. Every order admitted is
    // Answered once it has its answer; its place is what Heard needs to know which orders went after it.
    public bool TryAdmit(out long place)
    {
        var ordersInFlight = Interlocked.Increment(ref inFlight);
        // One reading of the clock per order, for the stall, the headroom's age and the probe alike.
        var now = timeProvider.GetTimestamp();
        if (ordersInFlight == 1)
        {
            Volatile.Write(ref progressAt, now);
        }

        var moving = ordersInFlight <= StalledInFlight || now - Volatile.Read(ref progressAt) < Ticks(StalledAfter);
        if (ordersInFlight <= Volatile.Read(ref bound) && moving
            && (Volatile.Read(ref state) == Open ? TakeHeadroom(now, out place) : TryProbe(now, out place)))
        {
            return true;
        }

        Interlocked.Decrement(ref inFlight);
        place = 0;
        return false;
    }

    // An order let through was answered: taken (served), or not. Unless the answer was a refusal (which shut the gate
    // again), Orders is past its backlog: while a probe is out, that is its answer.
    public void Answered(bool served)
    {
        Volatile.Write(ref progressAt, timeProvider.GetTimestamp());
        Interlocked.Decrement(ref inFlight);
        if (Volatile.Read(ref state) != Probing && (!served || Volatile.Read(ref bound) == maxOrdersInFlight))
        {
            return;
        }

        lock (transition)
        {
            if (state == Probing)
            {
                state = Open;
            }

            if (served)
            {
                bound = Math.Min(bound + 1, maxOrdersInFlight);
            }
        }
    }

    // Orders' headroom, from the trailers of the order it took at that place.
    public void Heard(Metadata trailers, long place)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        if (long.TryParse(trailers.GetValue(OrderRefusals.HeadroomTrailer), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var left))
        {
            Volatile.Write(ref headroomEndsAt, place + left);
            Volatile.Write(ref headroomHeardAt, timeProvider.GetTimestamp());
        }
    }

    // Remembers Orders' refusal and answers it.
    public ProblemHttpResult Close(RpcException refusal, HttpResponse response)
    {
        lock (transition)
        {
            // The refusals of orders that were already on their way when the first came back are one signal, not
            // several: the bound is halved once per closing, as TCP halves its window once per round trip.
            if (state != Closed)
            {
                bound = Math.Max(bound / 2, 1);
            }

            Shut();
        }

        Volatile.Write(ref retryAfterTicks, RetryAfter.Of(refusal).Ticks);

        return Refuse(response);
    }

    // 503 with Retry-After, as problem+json; written without an exception, since under overload most answers are this.
    // OrderAdmissionMiddleware answers it while the gate is shut; the endpoint, when Orders refuses.
    public ProblemHttpResult Refuse(HttpResponse response)
    {
        RetryAfter.Apply(response, TimeSpan.FromTicks(Volatile.Read(ref retryAfterTicks)));
        return TypedResults.Problem(detail: OrderRefusals.BacklogFullMessage, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // One order's share of Orders' headroom. A headroom older than Orders' count of its pending orders says nothing
    // any more; one that is spent shuts the gate until a probe brings a new one.
    private bool TakeHeadroom(long now, out long place)
    {
        var limited = now - Volatile.Read(ref headroomHeardAt) < Ticks(ClosedFor);
        for (var last = Volatile.Read(ref admitted); !limited || last < Volatile.Read(ref headroomEndsAt); last = Volatile.Read(ref admitted))
        {
            // A place is taken only by an order that goes, so refusals do not use up the headroom.
            if (Interlocked.CompareExchange(ref admitted, last + 1, last) == last)
            {
                place = last + 1;
                return true;
            }
        }

        place = 0;
        lock (transition)
        {
            if (state == Open)
            {
                Shut();
            }
        }

        return false;
    }

    // Refuses every order for a moment, then lets a probe go; under the transition lock.
    private void Shut()
    {
        state = Closed;
        nextProbeAt = timeProvider.GetTimestamp() + Ticks(ClosedFor);
    }

    private bool TryProbe(long now, out long place)
    {
        lock (transition)
        {
            if (state != Open)
            {
                if (now < nextProbeAt)
                {
                    place = 0;
                    return false;
                }

                state = Probing;
                nextProbeAt = now + Ticks(ProbeFor);
                place = Interlocked.Increment(ref admitted);
                return true;
            }
        }

        // A probe's answer opened the gate in the meantime.
        return TakeHeadroom(now, out place);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * timeProvider.TimestampFrequency);
}
