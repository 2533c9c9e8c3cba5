namespace MicroShop.Gateway.Orders;

// One status change: previousStatus is null for the placement; cause is CLIENT, RESERVATION_OUTCOME or
// RESERVATION_EXPIRY; reason is a failure's, or a cancellation's when one was given.
public sealed record OrderStatusChangeResponse(
    string Status,
    string? PreviousStatus,
    DateTimeOffset At,
    string Cause,
    string? Reason);
