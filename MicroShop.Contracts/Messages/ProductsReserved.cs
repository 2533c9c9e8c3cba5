namespace MicroShop.Contracts.Messages;

// Published by Products on orders_exchange with routing key reservation.succeeded.
public sealed record ProductsReserved(Guid OrderId, DateTimeOffset ReservedAt);
