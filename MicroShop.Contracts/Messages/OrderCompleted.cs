namespace MicroShop.Contracts.Messages;

// Published by Orders (through its outbox) on products_exchange with routing key order.completed: the order's
// units are sold for good (a completed order cannot be cancelled), so Products stops keeping the order on its
// products' documents.
public sealed record OrderCompleted(Guid OrderId, DateTimeOffset CompletedAt);
