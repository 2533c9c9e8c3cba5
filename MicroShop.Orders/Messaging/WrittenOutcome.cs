namespace MicroShop.Orders.Messaging;

// A reservation outcome as committed: its effect, and the order's status after it.
public sealed record WrittenOutcome(ReservationOutcomeEffect Effect, OrderStatus? Status);
