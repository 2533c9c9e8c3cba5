namespace MicroShop.Bench.Faults;

// One request of the fault load; Error names what went wrong ("500", "timeout", "connection").
public sealed record RequestRecord(RequestKind Kind, DateTimeOffset SentAt, double LatencyMs, RequestOutcome Outcome, string? Error);
