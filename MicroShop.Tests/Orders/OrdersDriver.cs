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
// Gateway, and (until the saga moves orders on) statuses set straight in the orders database.
public sealed class OrdersDriver(DistributedAppFixture fixture) : IDisposable
{
    private readonly GrpcChannel productsChannel = fixture.CreateGrpcChannel("products");

    public HttpClient Gateway { get; } = fixture.CreateGatewayClient();

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

    // Stands in for the saga, which is what moves orders out of PENDING.
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
