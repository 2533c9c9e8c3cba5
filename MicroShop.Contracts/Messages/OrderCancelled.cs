namespace MicroShop.Contracts.Messages;

// Published by Orders (through its outbox) on products_exchange with routing key order.cancelled:
// Products releases whatever it reserved for the order, exactly once.
public sealed record OrderCancelled(Guid OrderId, string Reason, DateTimeOffset CancelledAt);
