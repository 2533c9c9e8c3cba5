using System.Security.Claims;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Gateway.Orders;
using MicroShop.Gateway.Security;
using Microsoft.AspNetCore.Http.Features;

namespace MicroShop.Gateway.Apis;

// Errors are not returned here: a failed call to Orders throws, and RpcExceptionHandler maps it to problem+json.
// A customer acts only on their own orders (the token's `sub`); someone else's order is 404, exactly as an order that
// does not exist, so its existence is never revealed. Staff (the admin role) act on every user's orders.
public static class OrdersApi
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/orders").WithTags("Orders").RequireAuthorization(AccessPolicies.Customer);

        api.MapPost("/", CreateOrderAsync)
            .WithName("CreateOrder")
            .WithSummary("Place an order")
            .WithDescription($"The order is the token user's; a userId in the body must be theirs (403 otherwise), except for staff, who may order for any user. " +
                $"Prices are captured from the catalog. A repeated {IdempotencyKeyHeader} from the same user returns the first order (201 again). " +
                "503 with Retry-After while the shop takes all the orders it can settle (admission control).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{id}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("Get an order with its products' names")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id}/timeline", GetOrderTimelineAsync)
            .WithName("GetOrderTimeline")
            .WithSummary("Every status an order reached, oldest first, with its time, cause and reason")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", ListOrdersAsync)
            .WithName("ListOrders")
            .WithSummary("List orders, newest first, by user and status")
            .WithDescription("A customer's own orders (naming another userId is 403); staff list any user's, or everyone's without a userId.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/{id}/cancel", CancelOrderAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancel a pending, reserved or confirmed order")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{id}/confirm", ConfirmOrderAsync)
            .WithName("ConfirmOrder")
            .RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Confirm an order whose products are reserved")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{id}/complete", CompleteOrderAsync)
            .WithName("CompleteOrder")
            .RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Complete a confirmed order")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> CreateOrderAsync(
        NewOrder order,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        [AsParameters] OrderServices services,
        OrderAdmissionGate admission,
        ClaimsPrincipal user,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var userId = string.IsNullOrEmpty(order.UserId) ? user.Id() : order.UserId;
        if (!user.MayActFor(userId))
        {
            return NotTheirOrders();
        }

        // While the gate is shut, OrderAdmissionMiddleware refuses the order before it gets here.
        var request = new CreateOrderRequest
        {
            UserId = userId,
            // Without the client's key, one for this HTTP request: the resilience handler's retries of the gRPC call
            // carry the same key, so a retry after a lost answer cannot place a second order.
            IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? Guid.NewGuid().ToString() : idempotencyKey,
        };
        request.Items.AddRange((order.Items ?? []).Select(item => new CreateOrderItem
        {
            ProductId = item?.ProductId ?? "",
            Quantity = item?.Quantity ?? 0,
        }));

        Order created;
        try
        {
            using var call = services.Ordering.CreateOrderAsync(request, cancellationToken: cancellationToken);
            created = await call.ResponseAsync;
            admission.Heard(call.GetTrailers(), response.HttpContext.Features.GetRequiredFeature<AdmittedOrder>().Place);
        }
        catch (RpcException exception) when (OrderAdmissionGate.IsRefusal(exception))
        {
            return admission.Close(exception, response);
        }

        return TypedResults.Created($"/orders/{created.Id}", await services.ToResponseAsync(created, cancellationToken));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetOrderAsync(
        Guid id,
        [AsParameters] OrderServices services,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var order = await services.Ordering.GetOrderAsync(new GetOrderRequest { Id = id.ToString() }, cancellationToken: cancellationToken);
        return user.MayActFor(order.UserId)
            ? TypedResults.Ok(await services.ToResponseAsync(order, cancellationToken))
            : OrderNotFound(id);
    }

    public static async Task<Results<Ok<OrderTimelineResponse>, ProblemHttpResult>> GetOrderTimelineAsync(
        Guid id,
        Ordering.OrderingClient ordering,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!await IsTheirsAsync(id, user, ordering, cancellationToken))
        {
            return OrderNotFound(id);
        }

        var timeline = await ordering.GetOrderTimelineAsync(new GetOrderTimelineRequest { Id = id.ToString() }, cancellationToken: cancellationToken);
        return TypedResults.Ok(timeline.ToResponse());
    }

    public static async Task<Results<Ok<OrderPage>, ValidationProblem, ProblemHttpResult>> ListOrdersAsync(
        string? userId,
        string? status,
        int? page,
        int? pageSize,
        [AsParameters] OrderServices services,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        // Without a userId: a customer's own orders, every user's for staff.
        var owner = string.IsNullOrEmpty(userId) ? (user.IsAdmin() ? "" : user.Id()) : userId;
        if (!user.MayActFor(owner))
        {
            return NotTheirOrders();
        }

        var request = new ListOrdersRequest { UserId = owner };
        if (!string.IsNullOrEmpty(status))
        {
            if (!OrderStatusNames.TryParse(status, out var statusFilter))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"'{status}' is not an order status: use one of {OrderStatusNames.All}."],
                });
            }

            request.Status = statusFilter;
        }

        // Only the values the client sent: Orders validates them and picks the defaults.
        if (page is { } requestedPage)
        {
            request.Page = requestedPage;
        }

        if (pageSize is { } requestedPageSize)
        {
            request.PageSize = requestedPageSize;
        }

        var result = await services.Ordering.ListOrdersAsync(request, cancellationToken: cancellationToken);
        var productNames = await services.ProductNames.LookupAsync(
            result.Items.SelectMany(order => order.Items).Select(item => item.ProductId),
            cancellationToken);
        return TypedResults.Ok(new OrderPage(
            [.. result.Items.Select(order => order.ToResponse(productNames))],
            result.Page,
            result.PageSize,
            result.TotalCount));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelOrderAsync(
        Guid id,
        OrderCancellation? cancellation,
        [AsParameters] OrderServices services,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!await IsTheirsAsync(id, user, services.Ordering, cancellationToken))
        {
            return OrderNotFound(id);
        }

        var request = new CancelOrderRequest { Id = id.ToString(), Reason = cancellation?.Reason ?? "" };
        var order = await services.Ordering.CancelOrderAsync(request, cancellationToken: cancellationToken);
        return TypedResults.Ok(await services.ToResponseAsync(order, cancellationToken));
    }

    public static async Task<Ok<OrderResponse>> ConfirmOrderAsync(
        Guid id,
        [AsParameters] OrderServices services,
        CancellationToken cancellationToken)
    {
        var order = await services.Ordering.ConfirmOrderAsync(new ConfirmOrderRequest { Id = id.ToString() }, cancellationToken: cancellationToken);
        return TypedResults.Ok(await services.ToResponseAsync(order, cancellationToken));
    }

    public static async Task<Ok<OrderResponse>> CompleteOrderAsync(
        Guid id,
        [AsParameters] OrderServices services,
        CancellationToken cancellationToken)
    {
        var order = await services.Ordering.CompleteOrderAsync(new CompleteOrderRequest { Id = id.ToString() }, cancellationToken: cancellationToken);
        return TypedResults.Ok(await services.ToResponseAsync(order, cancellationToken));
    }

    // Staff act on any order; for a customer the order is read first to see whose it is (an order never changes owner).
    private static async Task<bool> IsTheirsAsync(Guid id, ClaimsPrincipal user, Ordering.OrderingClient ordering, CancellationToken cancellationToken) =>
        user.IsAdmin()
        || user.MayActFor((await ordering.GetOrderAsync(new GetOrderRequest { Id = id.ToString() }, cancellationToken: cancellationToken)).UserId);

    // The same answer as Orders gives for an order that does not exist.
    private static ProblemHttpResult OrderNotFound(Guid id) =>
        TypedResults.Problem($"Order {id} does not exist.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NotTheirOrders() =>
        TypedResults.Problem("A customer places and lists only their own orders: leave userId out, or send your own.", statusCode: StatusCodes.Status403Forbidden);
}
