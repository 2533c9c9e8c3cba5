using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using MicroShop.AppHost.Operations;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;
using MicroShop.Tests.OrdersSaga;
using Microsoft.Extensions.DependencyInjection;

namespace MicroShop.Tests.Foundation;

// The operator's commands in the dashboard, run as the dashboard runs them. In the second application: redelivering
// and replaying there takes nothing from the tests of the main one.
[Collection(ShortReservationExpiryCollection.Name)]
public sealed class DashboardCommandTests(ShortReservationExpiryFixture fixture) : IDisposable
{
    private static readonly TimeSpan ParkingDeadline = TimeSpan.FromMinutes(1);

    private readonly OrdersDriver orders = new(fixture);

    [Theory]
    [InlineData(GatewayAdminCommands.ShowDeadLetters, JsonValueKind.Array)]
    [InlineData(GatewayAdminCommands.ShowParkedOutboxMessages, JsonValueKind.Object)]
    [InlineData(GatewayAdminCommands.RedeliverDeadLetters, JsonValueKind.Object)]
    public async Task A_Gateway_command_answers_with_its_admin_routes_JSON(string command, JsonValueKind kind)
    {
        var result = await ExecuteAsync("gateway", command);

        Assert.True(result.Success, result.Message);
        using var answer = JsonDocument.Parse(result.Data?.Value ?? "");
        Assert.Equal(kind, answer.RootElement.ValueKind);
    }

    [Fact]
    public async Task Show_health_on_Orders_answers_its_health_report_with_the_saga_entry()
    {
        var result = await ExecuteAsync("orders", HealthReportCommand.Name);

        Assert.True(result.Success, result.Message);
        using var report = JsonDocument.Parse(result.Data?.Value ?? "");
        Assert.True(report.RootElement.GetProperty("checks").TryGetProperty(HealthReport.SagaCheck, out _), report.RootElement.ToString());
    }

    [Fact]
    public async Task Replay_parked_outbox_messages_unparks_every_parked_row()
    {
        var outbox = new OutboxTable(orders);
        var poisonId = await outbox.InsertAsync("MicroShop.Contracts.Messages.OrderRefunded", $$"""{"orderId":"{{Guid.NewGuid()}}"}""");
        try
        {
            await Poll.UntilAsync(() => outbox.RowAsync(poisonId), row => row.ParkedAt is not null, $"outbox row {poisonId} to be parked", ParkingDeadline);

            var result = await ExecuteAsync("gateway", GatewayAdminCommands.ReplayParkedOutboxMessages);

            Assert.True(result.Success, result.Message);
            Assert.Equal("Replayed 1 of 1 parked outbox messages.", result.Message);
            Assert.Null((await outbox.RowAsync(poisonId)).ParkedAt);
        }
        finally
        {
            // Replayed, it would only fail and park again.
            await outbox.DeletePendingAsync([poisonId]);
        }
    }

    private Task<ExecuteCommandResult> ExecuteAsync(string resourceName, string command)
    {
        var resource = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(candidate => candidate.Name == resourceName);
        return fixture.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);
    }

    public void Dispose() => orders.Dispose();
}
