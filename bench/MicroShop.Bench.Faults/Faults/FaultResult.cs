using MicroShop.Bench.Load;

namespace MicroShop.Bench.Faults;

// One fault under load. The window runs from the kill until the instance is healthy again; Errors count on until the
// load pauses after the recovery.
// Recovery: from the restart until the first order accepted after it reached its outcome.
// InSagaAtKill: orders accepted before the kill that reached their outcome after it; AcceptedInWindow: during it.
// UnrelayedAtKill / UnrelayedPublished: outbox rows committed and not yet published when the process died, and how
// many of them were published after the restart.
public sealed record FaultResult(
    string Name,
    string Instance,
    double DownSeconds,
    double RecoverySeconds,
    int OrdersSent,
    int OrdersAccepted,
    int OrdersRefused,
    LatencySummary Refusals,
    int ReadsSent,
    int ReadsServed,
    LatencySummary Reads,
    IReadOnlyDictionary<string, int> Errors,
    long InSagaAtKill,
    int AcceptedInWindow,
    int UnrelayedAtKill,
    long UnrelayedPublished,
    InvariantReport Invariants);
