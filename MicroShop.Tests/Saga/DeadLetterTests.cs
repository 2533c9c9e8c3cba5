using System.Net;
using System.Net.Http.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Saga;

// Messages that cannot be processed end in MassTransit's "<queue>_error" queues; the Gateway's admin API shows and replays them.
[Collection(DistributedAppCollection.Name)]
public sealed class DeadLetterTests(DistributedAppFixture fixture) : IDisposable
{
    private static readonly TimeSpan DeadLetterDeadline = TimeSpan.FromMinutes(1);

    private readonly SagaDriver saga = new(fixture);

    [Fact]
    public async Task A_malformed_message_is_dead_lettered_with_its_fault_and_later_orders_still_complete()
    {
        var marker = $"poison-{Guid.NewGuid():N}";
        await saga.PublishRawAsync(MessageTopology.ProductsExchange, MessageTopology.OrderCreatedRoutingKey, $"{{ not json {marker}");

        var deadLetter = await WaitForDeadLetterAsync(marker);
        var product = await saga.CreateProductAsync(quantity: 3);
        var order = await saga.PlaceOrderAsync((product.Id, 2));

        Assert.Equal(MessageTopology.ProductReservationQueue + MessageTopology.ErrorQueueSuffix, deadLetter.Queue);
        Assert.Equal(MessageTopology.ProductReservationQueue, deadLetter.SourceQueue);
        Assert.False(string.IsNullOrWhiteSpace(deadLetter.FaultReason));
        Assert.Equal("PRODUCT_RESERVED", (await saga.WaitForOutcomeAsync(order.Id)).Status);
        Assert.Equal(1, await saga.RemoveDeadLettersAsync(deadLetter.Queue, marker));
    }

    [Fact]
    public async Task An_outcome_for_an_unknown_order_is_dead_lettered_after_retries_and_completes_once_redelivered_after_the_fix()
    {
        var orderId = Guid.NewGuid();
        await saga.PublishRawAsync(MessageTopology.OrdersExchange, MessageTopology.ProductsReservedRoutingKey,
            SagaDriver.Envelope(nameof(ProductsReserved), $$"""{"orderId":"{{orderId}}","reservedAt":"{{DateTimeOffset.UtcNow:O}}"}"""));

        var deadLetter = await WaitForDeadLetterAsync(orderId.ToString());
        Assert.Equal(MessageTopology.ReservationOutcomeQueue + MessageTopology.ErrorQueueSuffix, deadLetter.Queue);
        Assert.Contains(orderId.ToString(), deadLetter.FaultReason, StringComparison.OrdinalIgnoreCase);

        // The operator's fix: the order the message is about exists now.
        await saga.InsertPendingOrderAsync(orderId);
        using var redelivery = await saga.Gateway.PostAsync("/admin/dead-letters/redeliver", null);

        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        Assert.Equal("PRODUCT_RESERVED", (await saga.WaitForStatusAsync(orderId.ToString(), "PRODUCT_RESERVED")).Status);
        Assert.DoesNotContain(await DeadLettersAsync(), letter => letter.Body.Contains(orderId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_RabbitMQ_stopped_the_dead_letter_admin_is_a_503_and_answers_again_once_it_is_back()
    {
        await fixture.StopResourceAsync("rabbitmq");
        try
        {
            using var list = await saga.Gateway.GetAsync("/admin/dead-letters");
            using var redelivery = await saga.Gateway.PostAsync("/admin/dead-letters/redeliver", null);

            await ProblemAssert.IsProblemAsync(list, HttpStatusCode.ServiceUnavailable);
            await ProblemAssert.IsProblemAsync(redelivery, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await fixture.StartResourceAsync("rabbitmq");
        }

        // The client reconnects on its own; until then the admin keeps answering 503.
        await Poll.UntilAsync(
            AdminStatusAsync,
            status => status == HttpStatusCode.OK,
            "the dead-letter admin answering 200 after RabbitMQ's restart",
            DeadLetterDeadline);
    }

    private async Task<DeadLetterView> WaitForDeadLetterAsync(string marker) =>
        (await Poll.UntilAsync(DeadLettersAsync, letters => letters.Any(letter => letter.Body.Contains(marker, StringComparison.Ordinal)),
            $"a dead letter containing {marker}", DeadLetterDeadline))
        .Single(letter => letter.Body.Contains(marker, StringComparison.Ordinal));

    private async Task<HttpStatusCode> AdminStatusAsync()
    {
        using var response = await saga.Gateway.GetAsync("/admin/dead-letters");
        return response.StatusCode;
    }

    private async Task<IReadOnlyList<DeadLetterView>> DeadLettersAsync() =>
        await saga.Gateway.GetFromJsonAsync<IReadOnlyList<DeadLetterView>>("/admin/dead-letters") ?? [];

    public void Dispose() => saga.Dispose();
}
