using System.Diagnostics.Metrics;
using MicroShop.Gateway.Telemetry;

namespace MicroShop.Gateway.Orders;

// While the admission gate is shut, POST /orders is refused here, before its body is read and bound and before the
// clients the endpoint needs are made: under a flash sale most requests end in this branch. Every order let through
// reports back when it is answered, so the gate learns its probe's answer whatever it was (a refusal closes the gate
// again in the endpoint; a bad body never reaches the endpoint at all).
// It also reports the gate's orders out and its bound as gauges, the one queue of the Gateway that adapts.
public sealed class OrderAdmissionMiddleware
{
    private readonly RequestDelegate next;
    private readonly OrderAdmissionGate gate;

    public OrderAdmissionMiddleware(RequestDelegate next, OrderAdmissionGate gate, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.next = next;
        this.gate = gate;
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        meter.CreateObservableGauge("microshop.gateway.orders.out", () => gate.OrdersOut, "{order}",
            "New orders on their way from the Gateway to Orders.");
        meter.CreateObservableGauge("microshop.gateway.orders.out.limit", () => gate.Limit, "{order}",
            "How many new orders the admission gate lets be on their way to Orders at once, as it adapts.");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsNewOrder(context.Request))
        {
            await next(context);
            return;
        }

        if (!gate.TryAdmit(out var place))
        {
            await gate.Refuse(context.Response).ExecuteAsync(context);
            return;
        }

        context.Features.Set(new AdmittedOrder(place));

        var served = false;
        try
        {
            await next(context);
            served = context.Response.StatusCode < StatusCodes.Status500InternalServerError;
        }
        finally
        {
            gate.Answered(served);
        }
    }

    private static bool IsNewOrder(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.TrimEnd('/') is { } path
        && path.Equals("/orders", StringComparison.OrdinalIgnoreCase);
}
