using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using MicroShop.Bench.Faults;
using MicroShop.Bench.Load;
using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;
using MongoDB.Bson;
using MongoDB.Driver;
using Npgsql;
using RabbitMQ.Client;

namespace MicroShop.Tests.Saga;

// What the saga tests do through the running application: stock in the catalog, orders through the Gateway,
// waiting for the saga's outcome, and messages put straight onto the broker.
public sealed class SagaDriver(DistributedAppFixture fixture) : IDisposable
{
    public static readonly TimeSpan OutcomeDeadline = TimeSpan.FromMinutes(2);

    private readonly GrpcChannel productsChannel = fixture.CreateGrpcChannel("products");

    // Made on first use, then shared by every read of the test, so polling opens no new connection pool each time.
    private MongoClient? mongo;

    public HttpClient Gateway { get; } = fixture.CreateAdminGatewayClient();

    private ProductCatalog.ProductCatalogClient Catalog => new(productsChannel);

    public async Task<Product> CreateProductAsync(int quantity, string? name = null) =>
        await Catalog.CreateProductAsync(new CreateProductRequest
        {
            Name = name ?? $"Saga test product {Guid.NewGuid():N}",
            Description = "Created by the saga tests.",
            Price = DecimalValue.FromDecimal(4.25m),
            Quantity = quantity,
            Category = "saga-tests",
            IsActive = true,
        });

    public async Task<int> StockAsync(string productId) =>
        (await Catalog.GetProductAsync(new GetProductRequest { Id = productId })).Quantity;

    public async Task<OrderView> PlaceOrderAsync(params (string ProductId, int Quantity)[] lines)
    {
        using var response = await PostOrderAsync(lines);
        return await ReadCreatedAsync(response);
    }

    // A new order, posted again while admission control refuses it (a 429 or 503 with Retry-After, which a busy two-core
    // machine can earn from the Gateway's stall rule), until it is taken: for tests of what happens to orders once placed,
    // not of admission.
    public async Task<OrderView> PlaceOrderWhenTakenAsync(params (string ProductId, int Quantity)[] lines)
    {
        using var response = await Poll.UntilAsync(
            () => PostOrderAsync(lines),
            response => !Refusal.IsRefusal(response),
            "an order to be taken",
            OutcomeDeadline);
        return await ReadCreatedAsync(response);
    }

    // A new order for a user of its own, as the Gateway answers it (created, refused or failed).
    public Task<HttpResponseMessage> PostOrderAsync(params (string ProductId, int Quantity)[] lines) =>
        Gateway.PostAsJsonAsync("/orders", new
        {
            userId = $"saga-{Guid.NewGuid():N}",
            items = lines.Select(line => new { productId = line.ProductId, quantity = line.Quantity }),
        });

    public async Task<OrderView> GetOrderAsync(string orderId)
    {
        using var response = await Gateway.GetAsync($"/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OrdersDriver.ReadOrderAsync(response);
    }

    public async Task<OrderTimelineView> GetTimelineAsync(string orderId)
    {
        using var response = await Gateway.GetAsync($"/orders/{orderId}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<OrderTimelineView>()
            ?? throw new InvalidOperationException("The timeline answer was empty.");
    }

    public Task<OrderView> WaitForStatusAsync(string orderId, params string[] statuses) =>
        Poll.UntilAsync(() => GetOrderAsync(orderId), order => statuses.Contains(order.Status),
            $"order {orderId} to become {string.Join(" or ", statuses)}", OutcomeDeadline);

    public Task<OrderView> WaitForOutcomeAsync(string orderId) =>
        WaitForStatusAsync(orderId, "PRODUCT_RESERVED", "FAILED");

    public Task<int> WaitForStockAsync(string productId, int expected) =>
        Poll.UntilAsync(() => StockAsync(productId), stock => stock == expected,
            $"the stock of {productId} to be {expected}", OutcomeDeadline);

    public async Task<OrderView> TransitionAsync(string orderId, string action)
    {
        using var response = await Gateway.PostAsync($"/orders/{orderId}/{action}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OrdersDriver.ReadOrderAsync(response);
    }

    // A message as MassTransit would have published it, or any body at all for a poison message.
    public async Task PublishRawAsync(string exchange, string routingKey, string body)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/vnd.masstransit+json",
            MessageId = Guid.NewGuid().ToString(),
        };
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    // An order that exists only in the database: no outbox message, so the saga knows nothing of it until a test says so.
    public async Task InsertPendingOrderAsync(Guid orderId, string productId = "000000000000000000000000", int quantity = 1)
    {
        await using var connection = new NpgsqlConnection(await fixture.GetConnectionStringAsync("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO orders (id, user_id, total, status, created_at, updated_at) VALUES (@id, 'saga-direct', @quantity * 4.25, 'PENDING', now(), now());
            INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (@id, @productId, @quantity, 4.25);
            """,
            connection);
        command.Parameters.AddWithValue("id", orderId);
        command.Parameters.AddWithValue("productId", productId);
        command.Parameters.AddWithValue("quantity", quantity);
        await command.ExecuteNonQueryAsync();
    }

    // The orders a product's document holds units for (Products' internal reservedFor field).
    public async Task<IReadOnlyList<string>> OrdersRecordedOnProductAsync(string productId)
    {
        var url = MongoUrl.Create(await fixture.GetConnectionStringAsync("mongodb"));
        mongo ??= new MongoClient(url);
        var product = await mongo.GetDatabase(url.DatabaseName).GetCollection<BsonDocument>("products")
            .Find(new BsonDocument("_id", ObjectId.Parse(productId))).SingleAsync();
        return product.TryGetValue("reservedFor", out var recorded) ? [.. recorded.AsBsonArray.Select(value => value.AsString)] : [];
    }

    public async Task<uint> ReadyMessagesAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    // The connections a service has open, as the broker's management API lists them (MassTransit names its connection
    // after the process). The list is the management plugin's, which learns of a new connection a little later.
    public async Task<IReadOnlyList<string>> ConnectionsOfAsync(string processName)
    {
        using var management = await new FaultTarget(fixture.App).BrokerManagementAsync(CancellationToken.None);
        return
        [
            .. (await management.GetFromJsonAsync<JsonElement>("api/connections?columns=name,client_properties"))
                .EnumerateArray()
                .Where(connection => connection.GetProperty("client_properties").TryGetProperty("connection_name", out var name)
                    && name.GetString() == processName)
                .Select(connection => connection.GetProperty("name").GetString()!),
        ];
    }

    // Closes one client's connection from the broker's side, as a network cut or a broker restart would.
    public async Task CloseConnectionAsync(string connection)
    {
        using var management = await new FaultTarget(fixture.App).BrokerManagementAsync(CancellationToken.None);
        (await management.DeleteAsync($"api/connections/{Uri.EscapeDataString(connection)}")).EnsureSuccessStatusCode();
    }

    // Takes this test's own messages out of a dead-letter queue and leaves every other message where it was.
    public async Task<int> RemoveDeadLettersAsync(string queue, string marker)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var waiting = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        var removed = 0;
        for (var read = 0; read < waiting && await channel.BasicGetAsync(queue, autoAck: false) is { } message; read++)
        {
            if (Encoding.UTF8.GetString(message.Body.Span).Contains(marker, StringComparison.Ordinal))
            {
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
                removed++;
            }
        }

        return removed;
    }

    public static string Envelope(string messageType, string messageJson) =>
        $$"""
        {"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:MicroShop.Contracts.Messages:{{messageType}}"],"message":{{messageJson}}}
        """;

    private async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { Uri = new Uri(await fixture.GetConnectionStringAsync("rabbitmq")) }.CreateConnectionAsync();

    private static async Task<OrderView> ReadCreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await OrdersDriver.ReadOrderAsync(response);
    }

    public void Dispose()
    {
        Gateway.Dispose();
        productsChannel.Dispose();
        mongo?.Dispose();
    }
}
