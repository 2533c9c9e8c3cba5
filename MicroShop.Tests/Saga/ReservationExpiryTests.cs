using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Saga;

[Collection(ShortReservationExpiryCollection.Name)]
public sealed class ReservationExpiryTests(ShortReservationExpiryFixture fixture) : IDisposable
{
    private readonly SagaDriver saga = new(fixture);

    [Fact]
    public async Task A_reserved_order_left_past_the_expiry_is_cancelled_and_its_stock_returned()
    {
        var product = await saga.CreateProductAsync(quantity: 5);
        var order = await saga.PlaceOrderAsync((product.Id, 2));
        await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");
        Assert.Equal(3, await saga.StockAsync(product.Id));

        var expired = await saga.WaitForStatusAsync(order.Id, "CANCELLED");

        Assert.Equal("reservation expired", expired.FailureReason);
        Assert.True(expired.UpdatedAt - expired.CreatedAt >= ShortReservationExpiryFixture.ReservationExpiry);
        await saga.WaitForStockAsync(product.Id, 5);
    }

    [Fact]
    public async Task An_expired_reservation_is_on_the_order_timeline_with_cause_RESERVATION_EXPIRY()
    {
        var product = await saga.CreateProductAsync(quantity: 5);
        var order = await saga.PlaceOrderAsync((product.Id, 1));
        var reserved = await saga.WaitForStatusAsync(order.Id, "PRODUCT_RESERVED");
        var expired = await saga.WaitForStatusAsync(order.Id, "CANCELLED");

        var timeline = await saga.GetTimelineAsync(order.Id);

        Assert.Equal(
            [
                new OrderStatusChangeView("PENDING", null, order.CreatedAt, "CLIENT", null),
                new OrderStatusChangeView("PRODUCT_RESERVED", "PENDING", reserved.UpdatedAt, "RESERVATION_OUTCOME", null),
                new OrderStatusChangeView("CANCELLED", "PRODUCT_RESERVED", expired.UpdatedAt, "RESERVATION_EXPIRY", "reservation expired"),
            ],
            timeline.Changes);
    }

    public void Dispose() => saga.Dispose();
}
