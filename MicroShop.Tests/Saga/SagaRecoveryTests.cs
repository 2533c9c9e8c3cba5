using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Saga;

// Nothing is lost when a service goes away while orders are in flight.
[Collection(DistributedAppCollection.Name)]
public sealed class SagaRecoveryTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);

    [Fact]
    public async Task Orders_wait_in_the_queue_while_Products_is_stopped_and_all_reach_their_outcome_after_it_starts()
    {
        var product = await saga.CreateProductAsync(quantity: 10);
        var orderIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();

        await fixture.StopResourceAsync("products");
        try
        {
            // Orders created while Products is down: the order rows exist and their order.created messages are on the broker.
            foreach (var orderId in orderIds)
            {
                await saga.InsertPendingOrderAsync(orderId, product.Id, quantity: 1);
                await saga.PublishRawAsync(MessageTopology.ProductsExchange, MessageTopology.OrderCreatedRoutingKey,
                    SagaDriver.Envelope(nameof(OrderCreated),
                        $$"""{"orderId":"{{orderId}}","userId":"saga-recovery","items":[{"productId":"{{product.Id}}","quantity":1}],"createdAt":"{{DateTimeOffset.UtcNow:O}}"}"""));
            }

            Assert.True(await saga.ReadyMessagesAsync(MessageTopology.ProductReservationQueue) >= orderIds.Length);
            Assert.All(await Task.WhenAll(orderIds.Select(id => saga.GetOrderAsync(id.ToString()))),
                order => Assert.Equal("PENDING", order.Status));
        }
        finally
        {
            await fixture.StartResourceAsync("products");
        }

        var outcomes = await Task.WhenAll(orderIds.Select(id => saga.WaitForOutcomeAsync(id.ToString())));
        Assert.All(outcomes, order => Assert.Equal("PRODUCT_RESERVED", order.Status));
        Assert.Equal(5, await saga.StockAsync(product.Id));
    }

    public void Dispose() => saga.Dispose();
}
