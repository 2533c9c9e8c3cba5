using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Tests.Infrastructure;
using Npgsql;

namespace MicroShop.Tests.Orders;

// What the order tests do through the running application: products in the catalog over gRPC, orders through the
// Gateway, and statuses set straight in the orders database once the saga is done with an order.
public sealed class OrdersDriver(DistributedAppFixture fixture) : IDisposable
{
    // The saga's outcome normally takes milliseconds; the deadline covers a slow start of the consumers.
    private static readonly TimeSpan OutcomeDeadline = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel productsChannel = fixture.CreateGrpcChannel("products");

    public HttpClient Gateway { get; } = fixture.CreateAdminGatewayClient();

    public static string NewUserId() => $"user-{Guid.NewGuid():N}";

    public static object Line(string productId, int quantity) => new { productId, quantity };

    public async Task<CatalogProduct> CreateProductAsync(decimal price, bool isActive = true)
    {
        var catalog = new ProductCatalog.ProductCatalogClient(productsChannel);
        var request = new CreateProductRequest
        {
            Name = $"Order test product {Guid.NewGuid():N}",
            Description = "Created by the order tests.",
            Price = DecimalValue.FromDecimal(price),
            Quantity = 1_000,
            Category = "order-tests",
            IsActive = isActive,
        };

        // Other tests of the collection restart MongoDB; the catalog's first write after that can meet a connection
        // the server closed (writes are not retried on a standalone server). One more attempt uses a fresh one.
        Product product;
        try
        {
            product = await catalog.CreateProductAsync(request);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unknown or StatusCode.Unavailable)
        {
            product = await catalog.CreateProductAsync(request);
        }

        return new CatalogProduct(product.Id, product.Name, product.Price.ToDecimal());
    }

    public Task<HttpResponseMessage> PostOrderAsync(object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Gateway.SendAsync(request);
    }

    public async Task<OrderView> PlaceOrderAsync(string userId, params object[] lines)
    {
        using var response = await PostOrderAsync(new { userId, items = lines });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadOrderAsync(response);
    }

    // An order of one line, for tests about anything but the lines.
    public async Task<OrderView> PlaceOrderAsync(string? userId = null)
    {
        var product = await CreateProductAsync(9.99m);
        return await PlaceOrderAsync(userId ?? NewUserId(), Line(product.Id, 1));
    }

    public Task<HttpResponseMessage> GetOrderAsync(string id) => Gateway.GetAsync($"/orders/{id}");

    public Task<HttpResponseMessage> TransitionAsync(string id, string action, object? body = null) =>
        Gateway.PostAsync($"/orders/{id}/{action}", body is null ? null : JsonContent.Create(body));

    public static async Task<OrderView> ReadOrderAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<OrderView>() ?? throw new InvalidOperationException("No order in the response.");

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await fixture.GetConnectionStringAsync("postgres"));
        await connection.OpenAsync();
        return connection;
    }

    // An order in the given status that nothing else will change: a PENDING order is written straight to the database
    // without an outbox row, so the saga never hears of it; any other status is set once the saga's outcome is in.
    public async Task<OrderView> PlaceOrderInStatusAsync(string status)
    {
        string orderId;
        if (status == "PENDING")
        {
            orderId = await InsertPendingOrderAsync(NewUserId());
        }
        else
        {
            orderId = (await PlaceOrderAsync()).Id;
            await WaitForOutcomeAsync(orderId);
            await SetStatusAsync(orderId, status);
        }

        using var read = await GetOrderAsync(orderId);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        return await ReadOrderAsync(read);
    }

    // A PENDING order of one line as the Ordering service would store it, but without its OrderCreated in the outbox:
    // no reservation outcome ever arrives for it.
    public async Task<string> InsertPendingOrderAsync(string userId, string? productId = null, int quantity = 1, decimal unitPrice = 9.99m)
    {
        var orderId = Guid.CreateVersion7();
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH placed AS (
                INSERT INTO orders (id, user_id, total, status, created_at, updated_at)
                VALUES (@id, @userId, @total, 'PENDING', now(), now())
                RETURNING id)
            INSERT INTO order_items (order_id, product_id, quantity, unit_price)
            SELECT id, @productId, @quantity, @unitPrice FROM placed
            """,
            connection);
        command.Parameters.AddWithValue("id", orderId);
        command.Parameters.AddWithValue("userId", userId);
        command.Parameters.AddWithValue("total", unitPrice * quantity);
        command.Parameters.AddWithValue("productId", productId ?? $"{Random.Shared.NextInt64():x16}eeeeeeee");
        command.Parameters.AddWithValue("quantity", quantity);
        command.Parameters.AddWithValue("unitPrice", unitPrice);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return orderId.ToString();
    }

    // Products reserves (or refuses) a placed order's lines asynchronously; this waits until the order has its outcome.
    public Task<OrderView> WaitForOutcomeAsync(string orderId) =>
        Poll.UntilAsync(
            async () =>
            {
                using var read = await GetOrderAsync(orderId);
                return await ReadOrderAsync(read);
            },
            order => order.Status != "PENDING",
            $"order {orderId} to leave PENDING",
            OutcomeDeadline);

    // Until the saga has settled every order placed so far: those still PENDING count against Orders' admission bound.
    public Task WaitUntilNoOrderIsPendingAsync() =>
        Poll.UntilAsync(
            async () =>
            {
                await using var connection = await OpenDatabaseAsync();
                await using var command = new NpgsqlCommand("SELECT count(*) FROM orders WHERE status = 'PENDING'", connection);
                return (long)(await command.ExecuteScalarAsync() ?? 0L);
            },
            pending => pending == 0,
            "every order placed so far to leave PENDING",
            OutcomeDeadline);

    // The order as stored, or as the saga has moved it on since: same order, money and creation time; a status and
    // update time that only the saga's outcome may have changed. Lines are compared by the callers.
    public static void AssertSameOrder(OrderView expected, OrderView actual)
    {
        if (actual.Status != expected.Status)
        {
            Assert.Equal("PENDING", expected.Status);
            Assert.Contains(actual.Status, new[] { "PRODUCT_RESERVED", "FAILED" });
            Assert.True(actual.UpdatedAt > expected.UpdatedAt);
            actual = actual with { Status = expected.Status, FailureReason = expected.FailureReason, UpdatedAt = expected.UpdatedAt };
        }

        Assert.Equal(expected with { Items = [] }, actual with { Items = [] });
    }

    // Moves an order the saga is done with to a status its test starts from.
    public async Task SetStatusAsync(string orderId, string status)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("UPDATE orders SET status = @status WHERE id = @id", connection);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("id", Guid.Parse(orderId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public void Dispose()
    {
        Gateway.Dispose();
        productsChannel.Dispose();
    }
}
