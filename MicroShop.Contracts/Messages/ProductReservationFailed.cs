namespace MicroShop.Contracts.Messages;

// Published by Products on orders_exchange with routing key reservation.failed; nothing stays reserved.
// Reason is for people, e.g. "insufficient stock for 'Desk Lamp': requested 5, available 2".
public sealed record ProductReservationFailed(Guid OrderId, string Reason, DateTimeOffset FailedAt);
