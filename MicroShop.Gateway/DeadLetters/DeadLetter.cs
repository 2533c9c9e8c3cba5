namespace MicroShop.Gateway.DeadLetters;

// A message waiting in a dead-letter queue, with the fault MassTransit recorded when it gave up.
public sealed record DeadLetter(
    string Queue,
    string SourceQueue,
    string? MessageId,
    string? MessageType,
    string? FaultReason,
    string? FaultExceptionType,
    string? FaultedAt,
    string Body);
