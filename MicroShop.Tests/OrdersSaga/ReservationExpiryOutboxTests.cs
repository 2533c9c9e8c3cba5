using System.Text.Json;
using MicroShop.Contracts.Messages;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;

namespace MicroShop.Tests.OrdersSaga;

// The Orders side of the reservation expiry: the cancellation and its OrderCancelled are written together.
[Collection(ShortReservationExpiryCollection.Name)]
public sealed class ReservationExpiryOutboxTests(ShortReservationExpiryFixture fixture) : IAsyncLifetime
{
    // The expiry scans every second when the expiry is 5 s: the order is cancelled within about 6 s of its reservation.
    private static readonly TimeSpan ExpiryDeadline = ShortReservationExpiryFixture.ReservationExpiry + TimeSpan.FromSeconds(5);

    private readonly OrdersDriver orders = new(fixture);
    private OutcomeBroker? broker;

    public async Task InitializeAsync() => broker = await OutcomeBroker.ConnectAsync(fixture);

    [Fact]
    public async Task An_expired_reservation_cancels_the_order_and_writes_its_OrderCancelled_in_the_same_change()
    {
        var orderId = await orders.InsertPendingOrderAsync(OrdersDriver.NewUserId());
        await broker!.PublishReservedAsync(orderId);
        var reserved = await orders.WaitForOutcomeAsync(orderId);
        Assert.Equal("PRODUCT_RESERVED", reserved.Status);

        var cancelled = await Poll.UntilAsync(
            async () =>
            {
                using var read = await orders.GetOrderAsync(orderId);
                return await OrdersDriver.ReadOrderAsync(read);
            },
            order => order.Status != "PRODUCT_RESERVED",
            $"order {orderId} to expire",
            ExpiryDeadline);

        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal("reservation expired", cancelled.FailureReason);
        Assert.True(cancelled.UpdatedAt - reserved.UpdatedAt >= ShortReservationExpiryFixture.ReservationExpiry);
        var row = Assert.Single(await new OutboxTable(orders).RowsOfOrderAsync(orderId));
        var message = JsonSerializer.Deserialize<OrderCancelled>(row.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal(new OrderCancelled(Guid.Parse(orderId), "reservation expired", cancelled.UpdatedAt), message with { Items = null });
        Assert.Equal(OutboxTable.LinesOf(cancelled), message.Items);
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        orders.Dispose();
    }
}
