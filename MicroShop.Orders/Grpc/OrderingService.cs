using System.Globalization;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Orders.Admission;
using MicroShop.Orders.Catalog;
using MicroShop.Orders.Messaging;
using MicroShop.Orders.Telemetry;
using Npgsql;
using Contract = MicroShop.Contracts.Orders.V1;
using Order = MicroShop.Orders.Domain.Order;
using OrderItem = MicroShop.Orders.Domain.OrderItem;

namespace MicroShop.Orders.Grpc;

public sealed class OrderingService(
    OrdersDbContext db,
    CatalogCache catalog,
    OutboxSignal outboxSignal,
    OrderAdmission admission,
    OrderMetrics metrics,
    TimeProvider timeProvider) : Ordering.OrderingBase
{
    public override async Task<Contract.Order> CreateOrder(CreateOrderRequest request, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        RequestValidation.ValidateShape(request);
        using var admitted = await admission.AdmitAsync(cancellationToken);

        var idempotencyKey = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey;
        // Prices are read here and captured on the order's lines.
        var products = await catalog.GetAsync(request.Items.Select(item => NormalizeProductId(item.ProductId)), cancellationToken);
        try
        {
            RequestValidation.ValidateAgainstCatalog(request, products);
        }
        catch (RpcException) when (idempotencyKey is not null)
        {
            // A repeat of an order placed before its products changed still gets the first order. A repeat is rare, so
            // the key is looked up only here and when the insert collides, not before every order.
            var placed = await FindByIdempotencyKeyAsync(request.UserId, idempotencyKey, cancellationToken);
            if (placed is null)
            {
                throw;
            }

            return placed.ToContract();
        }

        var items = request.Items
            .Select(item => new OrderItem(
                NormalizeProductId(item.ProductId),
                item.Quantity,
                products[item.ProductId].Price.ToDecimal()))
            .ToList();
        var now = Now();
        var order = Order.Place(request.UserId, items, idempotencyKey, now);
        try
        {
            await db.PlaceAsync(order, OutboxMessage.Create(order.ToOrderCreated(), now), cancellationToken);
        }
        catch (PostgresException exception) when (idempotencyKey is not null && exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A repeat, a concurrent create with the same key that inserted first, or a retried insert that had in fact
            // committed: every caller gets the order that is stored.
            var stored = await FindByIdempotencyKeyAsync(request.UserId, idempotencyKey, cancellationToken);
            return stored?.ToContract() ?? throw new InvalidOperationException("No order holds the conflicting key.", exception);
        }

        outboxSignal.Notify();
        admitted.Placed();
        context.ResponseTrailers.Add(OrderRefusals.HeadroomTrailer, admission.Headroom.ToString(CultureInfo.InvariantCulture));
        metrics.Changed(order);
        var created = order.ToContract();
        foreach (var item in created.Items)
        {
            item.ProductName = products[item.ProductId].Name;
        }

        return created;
    }

    public override async Task<Contract.Order> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        var order = await FindAsync(request.Id, tracked: false, context.CancellationToken);
        return order.ToContract();
    }

    // One query: every order has at least its placement on the timeline, so none at all means no such order.
    public override async Task<OrderTimeline> GetOrderTimeline(GetOrderTimelineRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.ParseOrderId(request.Id);
        var changes = await db.Timeline(orderId).AsNoTracking().ToListAsync(context.CancellationToken);
        if (changes.Count == 0)
        {
            throw NotFound(orderId);
        }

        var timeline = new OrderTimeline { OrderId = orderId.ToString() };
        timeline.Changes.AddRange(changes.Select(change => change.ToContract()));
        return timeline;
    }

    public override async Task<ListOrdersResponse> ListOrders(ListOrdersRequest request, ServerCallContext context)
    {
        var (page, pageSize) = RequestValidation.ValidatePaging(request);

        var query = db.Orders.AsNoTracking();
        if (!string.IsNullOrEmpty(request.UserId))
        {
            query = query.Where(order => order.UserId == request.UserId);
        }

        if (request.Status.ToDomain() is { } status)
        {
            query = query.Where(order => order.Status == status);
        }

        var totalCount = await query.LongCountAsync(context.CancellationToken);
        var orders = await query
            .OrderByDescending(order => order.CreatedAt)
            .ThenByDescending(order => order.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(context.CancellationToken);

        var response = new ListOrdersResponse { Page = page, PageSize = pageSize, TotalCount = totalCount };
        response.Items.AddRange(orders.Select(order => order.ToContract()));
        return response;
    }

    public override async Task<Contract.Order> CancelOrder(CancelOrderRequest request, ServerCallContext context)
    {
        RequestValidation.ValidateCancellation(request);
        var cancellationToken = context.CancellationToken;
        var order = await FindAsync(request.Id, tracked: true, cancellationToken);
        var now = Now();
        if (!order.Cancel(request.Reason, now))
        {
            // Already cancelled: Products has been told, nothing changes.
            return order.ToContract();
        }

        // Products releases whatever it reserved; the message is stored in the same transaction as the cancellation.
        db.OutboxMessages.Add(OutboxMessage.Create(order.ToOrderCancelled(now), now));
        await db.SaveChangesAsync(cancellationToken);
        outboxSignal.Notify();
        metrics.Changed(order);
        return order.ToContract();
    }

    public override Task<Contract.Order> ConfirmOrder(ConfirmOrderRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, (order, now) => order.Confirm(now), context.CancellationToken);

    // Products stops keeping the order on its products; the message is stored in the same transaction as the change.
    public override async Task<Contract.Order> CompleteOrder(CompleteOrderRequest request, ServerCallContext context)
    {
        var completed = await ChangeAsync(request.Id, (order, now) =>
        {
            order.Complete(now);
            db.OutboxMessages.Add(OutboxMessage.Create(order.ToOrderCompleted(), now));
        }, context.CancellationToken);
        outboxSignal.Notify();
        return completed;
    }

    // The order's own method decides whether the change is allowed; xmin decides whether a concurrent change got there first.
    private async Task<Contract.Order> ChangeAsync(string id, Action<Order, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var order = await FindAsync(id, tracked: true, cancellationToken);
        change(order, Now());
        await db.SaveChangesAsync(cancellationToken);
        metrics.Changed(order);
        return order.ToContract();
    }

    private async Task<Order> FindAsync(string id, bool tracked, CancellationToken cancellationToken)
    {
        var orderId = RequestValidation.ParseOrderId(id);
        var orders = tracked ? db.Orders : db.Orders.AsNoTracking();
        return await orders.SingleOrDefaultAsync(order => order.Id == orderId, cancellationToken)
            ?? throw NotFound(orderId);
    }

    private static RpcException NotFound(Guid orderId) =>
        new(new Status(StatusCode.NotFound, $"Order {orderId} does not exist."));

    private Task<Order?> FindByIdempotencyKeyAsync(string userId, string idempotencyKey, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking()
            .SingleOrDefaultAsync(order => order.UserId == userId && order.IdempotencyKey == idempotencyKey, cancellationToken);

    // ObjectIds are case-insensitive hexadecimal; MongoDB writes them in lower case.
    private static string NormalizeProductId(string productId) => productId.ToLowerInvariant();

    private DateTimeOffset Now() => timeProvider.GetStoredUtcNow();
}
