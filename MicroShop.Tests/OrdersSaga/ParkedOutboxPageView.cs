namespace MicroShop.Tests.OrdersSaga;

// GET /admin/outbox/parked: the oldest parked rows and how many are parked in all.
public sealed record ParkedOutboxPageView(IReadOnlyList<ParkedOutboxMessageView> Items, long TotalCount);
