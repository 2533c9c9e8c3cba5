namespace MicroShop.Tests.Saga;

// A dead letter as GET /admin/dead-letters lists it.
public sealed record DeadLetterView(
    string Queue,
    string SourceQueue,
    string? MessageId,
    string? MessageType,
    string? FaultReason,
    string? FaultExceptionType,
    string? FaultedAt,
    string Body);
