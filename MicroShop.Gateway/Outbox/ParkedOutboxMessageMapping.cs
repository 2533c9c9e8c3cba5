using MicroShop.Contracts.Orders.V1;

namespace MicroShop.Gateway.Outbox;

public static class ParkedOutboxMessageMapping
{
    public static ParkedOutboxMessage ToResponse(this ParkedMessage message) =>
        new(
            message.Id,
            message.MessageId,
            message.MessageType,
            message.Attempts,
            message.LastError,
            message.CreatedAt.ToDateTimeOffset(),
            message.ParkedAt.ToDateTimeOffset());
}
