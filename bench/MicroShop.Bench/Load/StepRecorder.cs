using System.Collections.Concurrent;

namespace MicroShop.Bench.Load;

// What one step of the ladder observed, written to by the senders and the outcome tracker at once.
public sealed class StepRecorder(int offeredRate)
{
    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly List<OrderOutcome> outcomes = [];
    private readonly List<double> acceptLatencies = [];
    private readonly List<double> refusalLatencies = [];
    private long sent;
    private long dropped;
    private long inFlight;
    private long awaitingOutcome;

    public int OfferedRate { get; } = offeredRate;

    public long Sent => Interlocked.Read(ref sent);

    public long Dropped => Interlocked.Read(ref dropped);

    public long InFlight => Interlocked.Read(ref inFlight);

    public long AwaitingOutcome => Interlocked.Read(ref awaitingOutcome);

    public long RefusalCount
    {
        get
        {
            lock (refusalLatencies)
            {
                return refusalLatencies.Count;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Errors => errors;

    public long ErrorCount => errors.Values.Sum();

    // Open model: a send that finds the cap reached is dropped rather than delayed, and counted.
    public bool TryBeginSend(int maxInFlight)
    {
        if (Interlocked.Increment(ref inFlight) > maxInFlight)
        {
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref dropped);
            return false;
        }

        Interlocked.Increment(ref sent);
        return true;
    }

    public void Accepted(double latencyMs)
    {
        Interlocked.Increment(ref awaitingOutcome);
        lock (acceptLatencies)
        {
            acceptLatencies.Add(latencyMs);
        }

        Interlocked.Decrement(ref inFlight);
    }

    // A well-formed 429 or 503: the system shedding load as designed, counted apart from errors.
    public void Refused(double latencyMs)
    {
        lock (refusalLatencies)
        {
            refusalLatencies.Add(latencyMs);
        }

        Interlocked.Decrement(ref inFlight);
    }

    public void Rejected(string error)
    {
        errors.AddOrUpdate(error, 1, (_, count) => count + 1);
        Interlocked.Decrement(ref inFlight);
    }

    public void Resolved(OrderOutcome outcome)
    {
        lock (outcomes)
        {
            outcomes.Add(outcome);
        }

        Interlocked.Decrement(ref awaitingOutcome);
    }

    public OrderOutcome[] Outcomes()
    {
        lock (outcomes)
        {
            return [.. outcomes];
        }
    }

    public double[] AcceptLatencies()
    {
        lock (acceptLatencies)
        {
            return [.. acceptLatencies];
        }
    }

    public double[] RefusalLatencies()
    {
        lock (refusalLatencies)
        {
            return [.. refusalLatencies];
        }
    }
}
