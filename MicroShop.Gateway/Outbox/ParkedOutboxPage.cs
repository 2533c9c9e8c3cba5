namespace MicroShop.Gateway.Outbox;

// The oldest parked rows (at most 100) and how many are parked in all.
public sealed record ParkedOutboxPage(IReadOnlyList<ParkedOutboxMessage> Items, long TotalCount);
