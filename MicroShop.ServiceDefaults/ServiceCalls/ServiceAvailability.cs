using System.Diagnostics.CodeAnalysis;

namespace MicroShop.ServiceDefaults.ServiceCalls;

// What the latest probe said of each service this one calls. While a service is away, new calls to it fail at once,
// and the calls already waiting on it are cancelled, instead of each waiting for its deadline.
public sealed class ServiceAvailability
{
    private readonly Dictionary<string, State> states;

    // One dependency per service: AddServiceClient registers each once.
    public ServiceAvailability(IEnumerable<ServiceDependency> dependencies)
    {
        states = dependencies.ToDictionary(dependency => dependency.Name, _ => new State(), StringComparer.Ordinal);
    }

    public IEnumerable<string> Services => states.Keys;

    public bool IsAway(string service, [NotNullWhen(true)] out string? reason)
    {
        reason = states[service].AwayReason;
        return reason is not null;
    }

    // Cancelled when the service is found away.
    internal CancellationToken OutageToken(string service) => states[service].Outage.Token;

    // A call made to the service, answered or not, refused while it is away or not: someone needs it now. Ends the
    // probe's quiet wait, if it is in one.
    public void RecordCall(string service)
    {
        var state = states[service];
        Volatile.Write(ref state.LastCallTicks, Environment.TickCount64);
        if (Volatile.Read(ref state.WaitingForCall) == 1 && Interlocked.Exchange(ref state.WaitingForCall, 0) == 1)
        {
            state.Called.Release();
        }
    }

    // Environment.TickCount64 of the last call, 0 if none.
    public long LastCall(string service) => Volatile.Read(ref states[service].LastCallTicks);

    // Returns after the timeout or at the first call to the service, whichever comes first. A call just after the
    // timeout may end the next wait at once: one probe more, never one less.
    public async Task WaitForCallAsync(string service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var state = states[service];
        Volatile.Write(ref state.WaitingForCall, 1);
        try
        {
            await state.Called.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref state.WaitingForCall, 0);
        }
    }

    // A call that the service answered: it was there, whatever a slow probe says.
    internal void RecordAnswer(string service) => Volatile.Write(ref states[service].LastAnswerTicks, Environment.TickCount64);

    internal bool AnsweredSince(string service, long tickCount) => Volatile.Read(ref states[service].LastAnswerTicks) >= tickCount;

    // Returns whether this changed the service's state.
    internal bool MarkServing(string service)
    {
        var state = states[service];
        lock (state)
        {
            if (state.AwayReason is null)
            {
                return false;
            }

            state.Outage.Dispose();
            state.Outage = new CancellationTokenSource();
            state.AwayReason = null;
            return true;
        }
    }

    // Returns whether this changed the service's state.
    internal bool MarkAway(string service, string reason)
    {
        var state = states[service];
        lock (state)
        {
            var changed = state.AwayReason is null;
            state.AwayReason = reason;
            if (changed)
            {
                state.Outage.Cancel();
            }

            return changed;
        }
    }

    private sealed class State
    {
        public volatile string? AwayReason;
        public volatile CancellationTokenSource Outage = new();
        public long LastAnswerTicks;
        public long LastCallTicks;
        public int WaitingForCall;
        public readonly SemaphoreSlim Called = new(0);
    }
}
