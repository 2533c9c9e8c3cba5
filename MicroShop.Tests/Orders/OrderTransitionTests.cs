using System.Net;
using MicroShop.Tests.Infrastructure;
using Npgsql;

namespace MicroShop.Tests.Orders;

[Collection(DistributedAppCollection.Name)]
public sealed class OrderTransitionTests(DistributedAppFixture fixture) : IDisposable
{
    private static readonly TimeSpan LockWaitDeadline = TimeSpan.FromSeconds(20);

    private readonly OrdersDriver orders = new(fixture);

    [Theory]
    [InlineData("PRODUCT_RESERVED", "confirm", "CONFIRMED")]
    [InlineData("CONFIRMED", "complete", "COMPLETED")]
    [InlineData("PENDING", "cancel", "CANCELLED")]
    [InlineData("PRODUCT_RESERVED", "cancel", "CANCELLED")]
    [InlineData("CONFIRMED", "cancel", "CANCELLED")]
    public async Task An_allowed_transition_answers_200_with_the_changed_order(string from, string action, string to)
    {
        var order = await orders.PlaceOrderInStatusAsync(from);

        using var response = await orders.TransitionAsync(order.Id, action);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await OrdersDriver.ReadOrderAsync(response);
        Assert.Equal(to, changed.Status);
        Assert.True(changed.UpdatedAt > order.UpdatedAt);
        Assert.Equal(order.CreatedAt, changed.CreatedAt);
        Assert.Equal(order.Total, changed.Total);
        using var read = await orders.GetOrderAsync(order.Id);
        Assert.Equal(changed, await OrdersDriver.ReadOrderAsync(read) with { Items = changed.Items });
    }

    [Theory]
    [InlineData("PENDING", "confirm")]
    [InlineData("CONFIRMED", "confirm")]
    [InlineData("FAILED", "confirm")]
    [InlineData("COMPLETED", "confirm")]
    [InlineData("CANCELLED", "confirm")]
    [InlineData("PENDING", "complete")]
    [InlineData("PRODUCT_RESERVED", "complete")]
    [InlineData("FAILED", "complete")]
    [InlineData("COMPLETED", "complete")]
    [InlineData("CANCELLED", "complete")]
    [InlineData("FAILED", "cancel")]
    [InlineData("COMPLETED", "cancel")]
    public async Task A_forbidden_transition_is_a_409_naming_the_current_status_and_changes_nothing(string from, string action)
    {
        var order = await orders.PlaceOrderInStatusAsync(from);

        using var response = await orders.TransitionAsync(order.Id, action);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(from, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var read = await orders.GetOrderAsync(order.Id);
        var unchanged = await OrdersDriver.ReadOrderAsync(read);
        Assert.Equal(from, unchanged.Status);
        Assert.Equal(order.UpdatedAt, unchanged.UpdatedAt);
    }

    [Fact]
    public async Task Cancelling_keeps_the_reason_and_cancelling_again_returns_the_order_unchanged()
    {
        var order = await orders.PlaceOrderInStatusAsync("PENDING");

        using var first = await orders.TransitionAsync(order.Id, "cancel", new { reason = "Changed my mind" });
        using var second = await orders.TransitionAsync(order.Id, "cancel", new { reason = "Another reason" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var cancelled = await OrdersDriver.ReadOrderAsync(first);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal("Changed my mind", cancelled.FailureReason);
        Assert.Equal(cancelled, await OrdersDriver.ReadOrderAsync(second) with { Items = cancelled.Items });
    }

    [Fact]
    public async Task Cancelling_without_a_body_leaves_no_reason()
    {
        var order = await orders.PlaceOrderInStatusAsync("PENDING");

        using var response = await orders.TransitionAsync(order.Id, "cancel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await OrdersDriver.ReadOrderAsync(response);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Null(cancelled.FailureReason);
    }

    [Fact]
    public async Task A_cancellation_reason_over_500_characters_is_a_400()
    {
        var order = await orders.PlaceOrderAsync();

        using var response = await orders.TransitionAsync(order.Id, "cancel", new { reason = new string('x', 501) });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task A_cancellation_reason_with_a_NUL_character_is_a_400_and_the_order_stays_as_it_was()
    {
        var order = await orders.PlaceOrderAsync();

        using var response = await orders.TransitionAsync(order.Id, "cancel", new { reason = "out of\0stock" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        using var read = await orders.GetOrderAsync(order.Id);
        Assert.NotEqual("CANCELLED", (await OrdersDriver.ReadOrderAsync(read)).Status);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/confirm")]
    [InlineData("POST", "/complete")]
    public async Task An_unknown_order_is_a_404_and_a_malformed_id_a_400(string method, string suffix)
    {
        using var unknown = await orders.Gateway.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/orders/{Guid.NewGuid()}{suffix}"));
        using var malformed = await orders.Gateway.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/orders/not-a-uuid{suffix}"));

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Of_a_concurrent_confirm_and_cancel_that_read_the_same_order_exactly_one_wins()
    {
        var order = await orders.PlaceOrderInStatusAsync("PRODUCT_RESERVED");

        // Holding the row (without changing it) lets both requests read the same version before either writes.
        await using var holder = await orders.OpenDatabaseAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, transaction, "SELECT 1 FROM orders WHERE id = @id FOR UPDATE", order.Id);

        var confirm = orders.TransitionAsync(order.Id, "confirm");
        var cancel = orders.TransitionAsync(order.Id, "cancel");
        await WaitUntilUpdatesOfOrdersAreBlockedAsync(2, confirm, cancel);
        await transaction.RollbackAsync();
        using var confirmed = await confirm;
        using var cancelled = await cancel;

        var (winner, loser, winningStatus) = confirmed.StatusCode == HttpStatusCode.OK
            ? (confirmed, cancelled, "CONFIRMED")
            : (cancelled, confirmed, "CANCELLED");
        Assert.Equal(HttpStatusCode.OK, winner.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.Conflict);
        Assert.Contains("another request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var read = await orders.GetOrderAsync(order.Id);
        Assert.Equal(winningStatus, (await OrdersDriver.ReadOrderAsync(read)).Status);
    }

    [Fact]
    public async Task Of_racing_complete_and_cancel_requests_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var order = await orders.PlaceOrderInStatusAsync("CONFIRMED");

            var complete = orders.TransitionAsync(order.Id, "complete");
            var cancel = orders.TransitionAsync(order.Id, "cancel");
            using var completed = await complete;
            using var cancelled = await cancel;

            var statuses = new[] { completed.StatusCode, cancelled.StatusCode };
            Assert.Single(statuses, HttpStatusCode.OK);
            Assert.Single(statuses, HttpStatusCode.Conflict);
            var winningStatus = completed.StatusCode == HttpStatusCode.OK ? "COMPLETED" : "CANCELLED";
            using var read = await orders.GetOrderAsync(order.Id);
            Assert.Equal(winningStatus, (await OrdersDriver.ReadOrderAsync(read)).Status);
        }
    }

    [Fact]
    public async Task A_transition_of_an_order_changed_since_it_was_read_is_a_409_conflict()
    {
        var order = await orders.PlaceOrderInStatusAsync("PRODUCT_RESERVED");

        // Another writer (the saga, say) has changed the row but not committed: the confirm reads the old version.
        await using var writer = await orders.OpenDatabaseAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await ExecuteAsync(writer, transaction, "UPDATE orders SET updated_at = updated_at WHERE id = @id", order.Id);

        var confirm = orders.TransitionAsync(order.Id, "confirm");
        await WaitUntilUpdatesOfOrdersAreBlockedAsync(1, confirm);
        await transaction.CommitAsync();
        using var response = await confirm;

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("another request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var read = await orders.GetOrderAsync(order.Id);
        Assert.Equal("PRODUCT_RESERVED", (await OrdersDriver.ReadOrderAsync(read)).Status);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string orderId)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", Guid.Parse(orderId));
        await command.ExecuteNonQueryAsync();
    }

    // A change waits for the row in its UPDATE or, before that, in the foreign key check of its timeline entry's INSERT,
    // which EF Core sends first.
    private async Task WaitUntilUpdatesOfOrdersAreBlockedAsync(int count, params Task[] requests)
    {
        await using var monitor = await orders.OpenDatabaseAsync();
        await using var blocked = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()
              AND (query LIKE 'UPDATE orders%' OR query LIKE 'INSERT INTO order_status_changes%')
            """,
            monitor);
        await Poll.UntilAsync(
            async () =>
            {
                Assert.DoesNotContain(requests, request => request.IsCompleted);
                return (long)(await blocked.ExecuteScalarAsync())!;
            },
            waiting => waiting >= count,
            $"{count} requests waiting for the row",
            LockWaitDeadline);
    }

    public void Dispose() => orders.Dispose();
}
