namespace MicroShop.Bench.Load;

// LatencyMs: from the moment the order was due to be sent to the outcome's updatedAt as Orders recorded it.
public sealed record OrderOutcome(string Status, double LatencyMs, DateTimeOffset RecordedAt);
