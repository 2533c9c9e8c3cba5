namespace MicroShop.Gateway.Orders;

// While the admission gate is closed, POST /orders is refused here, before its body is read and bound and before the
// clients the endpoint needs are made: under a flash sale most requests end in this branch.
public sealed class OrderAdmissionMiddleware(RequestDelegate next, OrderAdmissionGate gate)
{
    public Task InvokeAsync(HttpContext context) =>
        gate.IsOpen || !IsNewOrder(context.Request) ? next(context) : gate.Refuse(context.Response).ExecuteAsync(context);

    private static bool IsNewOrder(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.TrimEnd('/') is { } path
        && path.Equals("/orders", StringComparison.OrdinalIgnoreCase);
}
