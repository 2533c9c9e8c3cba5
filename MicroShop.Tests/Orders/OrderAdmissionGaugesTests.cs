using Grpc.Core;
using MicroShop.Gateway.Orders;
using MicroShop.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MicroShop.Tests.Orders;

// The Gateway's gauges of its admission gate, read with a MeterListener: the new orders on their way to Orders while
// one is out and after its answer, and the bound as a refusal from Orders halves it.
public sealed class OrderAdmissionGaugesTests : IDisposable
{
    private readonly MeterMeasurements measurements = new();

    [Fact]
    public async Task The_gauges_report_the_orders_on_their_way_to_Orders_and_the_bound_as_it_adapts()
    {
        var gate = new OrderAdmissionGate(TimeProvider.System, Options.Create(new OrderAdmissionLimits { MaxOrdersInFlight = 8 }));
        var answer = new TaskCompletionSource();
        var middleware = new OrderAdmissionMiddleware(_ => answer.Task, gate, measurements.MeterFactory);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/orders";

        var order = middleware.InvokeAsync(context);
        Assert.Equal((1, 8), Read());

        answer.SetResult();
        await order;
        Assert.Equal((0, 8), Read());

        gate.Close(new RpcException(new Status(StatusCode.Unavailable, "backlog full")), new DefaultHttpContext().Response);
        Assert.Equal((0, 4), Read());
    }

    public void Dispose() => measurements.Dispose();

    private (int OrdersOut, int Limit) Read()
    {
        measurements.Observe();
        return ((int)measurements.Of("microshop.gateway.orders.out")[^1].Value, (int)measurements.Of("microshop.gateway.orders.out.limit")[^1].Value);
    }
}
