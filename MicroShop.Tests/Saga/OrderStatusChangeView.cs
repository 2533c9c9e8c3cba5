namespace MicroShop.Tests.Saga;

public sealed record OrderStatusChangeView(string Status, string? PreviousStatus, DateTimeOffset At, string Cause, string? Reason);
