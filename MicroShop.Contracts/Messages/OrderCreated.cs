namespace MicroShop.Contracts.Messages;

// Published by Orders (through its outbox) on products_exchange with routing key order.created:
// Products reserves every line, all or nothing.
public sealed record OrderCreated(Guid OrderId, string UserId, IReadOnlyList<OrderLine> Items, DateTimeOffset CreatedAt);
