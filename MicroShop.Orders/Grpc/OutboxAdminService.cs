using Google.Protobuf.WellKnownTypes;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Orders.Messaging;

namespace MicroShop.Orders.Grpc;

// The operator's view of the outbox rows the relay parked, and the replay of one once its cause is fixed.
public sealed class OutboxAdminService(OrdersDbContext db, OutboxSignal outboxSignal) : OutboxAdmin.OutboxAdminBase
{
    private const int ListLimit = 100;

    public override async Task<ListParkedMessagesResponse> ListParkedMessages(ListParkedMessagesRequest request, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var parked = db.ParkedOutboxMessages.AsNoTracking();
        var totalCount = await parked.LongCountAsync(cancellationToken);
        var messages = await parked.OrderBy(message => message.Id).Take(ListLimit).ToListAsync(cancellationToken);

        var response = new ListParkedMessagesResponse { TotalCount = totalCount };
        response.Items.AddRange(messages.Select(ToContract));
        return response;
    }

    public override async Task<Empty> ReplayParkedMessage(ReplayParkedMessageRequest request, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;

        // Locked while it changes: of two concurrent replays the second finds the row no longer parked (NOT_FOUND)
        // instead of resetting the attempts the relay may have counted since. The relay never takes a parked row.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var message = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE id = {request.Id} AND parked_at IS NOT NULL FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"No outbox message {request.Id} is parked."));
            message.Replay();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        outboxSignal.Notify();
        return new Empty();
    }

    private static ParkedMessage ToContract(OutboxMessage message) =>
        new()
        {
            Id = message.Id,
            MessageId = message.MessageId.ToString(),
            MessageType = message.MessageType,
            Attempts = message.Attempts,
            LastError = message.LastError ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(message.CreatedAt),
            ParkedAt = Timestamp.FromDateTimeOffset(message.ParkedAt!.Value),
        };
}
