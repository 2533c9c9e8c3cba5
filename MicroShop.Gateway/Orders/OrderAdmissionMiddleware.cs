namespace MicroShop.Gateway.Orders;

// While the admission gate is shut, POST /orders is refused here, before its body is read and bound and before the
// clients the endpoint needs are made: under a flash sale most requests end in this branch. Every order let through
// reports back when it is answered, so the gate learns its probe's answer whatever it was (a refusal closes the gate
// again in the endpoint; a bad body never reaches the endpoint at all).
public sealed class OrderAdmissionMiddleware(RequestDelegate next, OrderAdmissionGate gate)
{
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
