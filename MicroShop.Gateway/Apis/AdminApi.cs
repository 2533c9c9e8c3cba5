using MicroShop.Contracts.Orders.V1;
using MicroShop.Gateway.DeadLetters;
using MicroShop.Gateway.Outbox;
using MicroShop.Gateway.Security;

namespace MicroShop.Gateway.Apis;

// The outbox routes return no errors themselves: a failed call to Orders throws, and RpcExceptionHandler maps it.
public static class AdminApi
{
    private const int PeekLimit = 500;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var deadLetters = app.MapGroup("/admin/dead-letters").WithTags("Admin").RequireAuthorization(AccessPolicies.Admin);

        deadLetters.MapGet("/", GetDeadLetters)
            .WithName("GetDeadLetters")
            .WithSummary("The messages waiting in every dead-letter queue, with their fault reason (at most 500).");
        deadLetters.MapPost("/redeliver", RedeliverDeadLetters)
            .WithName("RedeliverDeadLetters")
            .WithSummary("Moves every dead letter back to the queue it came from.");

        var parked = app.MapGroup("/admin/outbox/parked").WithTags("Admin").RequireAuthorization(AccessPolicies.Admin);

        parked.MapGet("/", GetParkedOutboxMessagesAsync)
            .WithName("GetParkedOutboxMessages")
            .WithSummary("Orders' outbox rows parked after failing every attempt, oldest first (at most 100), with their last error.");
        parked.MapPost("/{id}/replay", ReplayParkedOutboxMessageAsync)
            .WithName("ReplayParkedOutboxMessage")
            .WithSummary("Unparks an outbox row, attempts reset, for Orders' relay to publish in its turn; fix its cause first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeadLetter>>> GetDeadLetters(DeadLetterQueues queues, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queues.PeekAsync(PeekLimit, cancellationToken));

    public static async Task<Ok<IReadOnlyDictionary<string, int>>> RedeliverDeadLetters(DeadLetterQueues queues, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queues.RedeliverAsync(cancellationToken));

    public static async Task<Ok<ParkedOutboxPage>> GetParkedOutboxMessagesAsync(OutboxAdmin.OutboxAdminClient outbox, CancellationToken cancellationToken)
    {
        var parked = await outbox.ListParkedMessagesAsync(new ListParkedMessagesRequest(), cancellationToken: cancellationToken);
        return TypedResults.Ok(new ParkedOutboxPage([.. parked.Items.Select(message => message.ToResponse())], parked.TotalCount));
    }

    public static async Task<NoContent> ReplayParkedOutboxMessageAsync(long id, OutboxAdmin.OutboxAdminClient outbox, CancellationToken cancellationToken)
    {
        await outbox.ReplayParkedMessageAsync(new ReplayParkedMessageRequest { Id = id }, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }
}
