using System.Net.Http.Json;
using System.Text.Json;
using MicroShop.AppHost.Security;
using Microsoft.Extensions.DependencyInjection;

namespace MicroShop.AppHost.Operations;

// The operator's commands in the dashboard, on the Gateway's resource: each calls one of the Gateway's admin routes.
public static class GatewayAdminCommands
{
    public const string RedeliverDeadLetters = "redeliver-dead-letters";
    public const string ShowDeadLetters = "show-dead-letters";
    public const string ShowParkedOutboxMessages = "show-parked-outbox-messages";
    public const string ReplayParkedOutboxMessages = "replay-parked-outbox-messages";

    // Every command calls through this one client: whatever the admin routes require of a caller is set on it here, once:
    // with the development issuer, an admin token it signs (with a real issuer the Gateway's admin routes answer 401 to
    // the dashboard: staff call them with their own token).
    private const string HttpClientName = "gateway-admin";
    private const string EndpointName = "http";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static IResourceBuilder<ProjectResource> WithAdminCommands(this IResourceBuilder<ProjectResource> gateway)
    {
        var client = gateway.ApplicationBuilder.Services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout);
        if (gateway.ApplicationBuilder.Resources.OfType<ParameterResource>()
            .SingleOrDefault(parameter => parameter.Name == DevelopmentTokens.SigningKeyParameter) is { } signingKey)
        {
            client.AddHttpMessageHandler(() => new DevelopmentAdminTokenHandler(signingKey));
        }

        return gateway
            .WithHttpCommand("/admin/dead-letters", "Show dead letters", EndpointName, ShowDeadLetters, AdminCall(
                HttpMethod.Get,
                "The messages in the saga's dead-letter queues (at most 500), with the reason each failed.",
                "MailWarning"))
            .WithHttpCommand("/admin/dead-letters/redeliver", "Redeliver dead letters", EndpointName, RedeliverDeadLetters, AdminCall(
                HttpMethod.Post,
                "Moves every dead letter back to the queue it came from; the answer counts them per queue.",
                "ArrowRedo",
                "Move every dead letter back to its queue? Fix what made them fail first, or they fail again."))
            .WithHttpCommand("/admin/outbox/parked", "Show parked outbox messages", EndpointName, ShowParkedOutboxMessages, AdminCall(
                HttpMethod.Get,
                "Orders' outbox rows parked after failing every attempt (the oldest 100), with their last error.",
                "BoxMultiple"))
            .WithCommand(ReplayParkedOutboxMessages, "Replay parked outbox messages", context => ReplayParkedAsync(gateway.Resource, context), new CommandOptions
            {
                Description = "Unparks the oldest 100 parked outbox rows for Orders' relay to publish in their turn.",
                ConfirmationMessage = "Replay the parked outbox messages? Fix what made them fail first, or they park again.",
                IconName = "ArrowRepeatAll",
                UpdateState = context => context.ResourceSnapshot.HealthStatus is HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
    }

    // One admin route called through the admin client, its JSON answer shown.
    private static HttpCommandOptions AdminCall(HttpMethod method, string description, string iconName, string? confirmation = null) => new()
    {
        HttpClientName = HttpClientName,
        Method = method,
        ResultMode = HttpCommandResultMode.Json,
        Description = description,
        ConfirmationMessage = confirmation,
        IconName = iconName,
    };

    // The admin routes replay one row at a time: list the parked rows, then replay each.
    private static async Task<ExecuteCommandResult> ReplayParkedAsync(ProjectResource gateway, ExecuteCommandContext context)
    {
        var cancellationToken = context.CancellationToken;
        using var client = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        client.BaseAddress = new Uri(gateway.GetEndpoint(EndpointName).Url);

        var parked = await client.GetFromJsonAsync<JsonElement>("/admin/outbox/parked", cancellationToken);
        var replayed = 0;
        foreach (var message in parked.GetProperty("items").EnumerateArray())
        {
            using var response = await client.PostAsync($"/admin/outbox/parked/{message.GetProperty("id").GetInt64()}/replay", null, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return CommandResults.Failure(
                    $"Replayed {replayed}; the next answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            replayed++;
        }

        return CommandResults.Success($"Replayed {replayed} of {parked.GetProperty("totalCount").GetInt64()} parked outbox messages.");
    }
}
