using MicroShop.Gateway.DeadLetters;

namespace MicroShop.Gateway.Apis;

public static class AdminApi
{
    private const int PeekLimit = 500;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var deadLetters = app.MapGroup("/admin/dead-letters").WithTags("Admin");

        deadLetters.MapGet("/", GetDeadLetters)
            .WithName("GetDeadLetters")
            .WithSummary("The messages waiting in every dead-letter queue, with their fault reason (at most 500).");
        deadLetters.MapPost("/redeliver", RedeliverDeadLetters)
            .WithName("RedeliverDeadLetters")
            .WithSummary("Moves every dead letter back to the queue it came from.");

        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeadLetter>>> GetDeadLetters(DeadLetterQueues queues, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queues.PeekAsync(PeekLimit, cancellationToken));

    public static async Task<Ok<IReadOnlyDictionary<string, int>>> RedeliverDeadLetters(DeadLetterQueues queues, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queues.RedeliverAsync(cancellationToken));
}
