namespace MicroShop.Contracts.Messages;

// Published by Orders (through its outbox) on products_exchange with routing key order.cancelled:
// Products releases whatever it reserved for the order, exactly once. Items are the order's lines, so that Products can
// give back what an OrderCreated took and never settled (a handler that stopped half-way, its message dead-lettered);
// null from versions before they were sent.
public sealed record OrderCancelled(Guid OrderId, string Reason, DateTimeOffset CancelledAt, IReadOnlyList<OrderLine>? Items = null);
