using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Grpc.Net.Client;
using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Tests.Infrastructure;
using MicroShop.Tests.Orders;
using Xunit.Abstractions;

namespace MicroShop.Tests.Security;

// Thousands of malformed and hostile requests: not one 5xx or hang, every 4xx problem+json, every write refused, and
// nothing changed (products, orders, and the products the requests aimed at). CI runs a fixed-seed subset; the full run:
// MICROSHOP_HOSTILE_REQUESTS=10000 dotnet test MicroShop.Tests --filter FullyQualifiedName~HostileInputTests
[Collection(DistributedAppCollection.Name)]
public sealed class HostileInputTests(DistributedAppFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int DefaultCount = 2_000;
    private const int DefaultSeed = 13;
    private const int Senders = 8;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly OrdersDriver orders = new(fixture);
    private readonly GrpcChannel productsChannel = fixture.CreateGrpcChannel("products");

    [Fact]
    public async Task Hostile_requests_get_no_5xx_only_problem_json_and_change_nothing()
    {
        var count = Setting("MICROSHOP_HOSTILE_REQUESTS", DefaultCount);
        var seed = Setting("MICROSHOP_HOSTILE_SEED", DefaultSeed);
        var catalog = new ProductCatalog.ProductCatalogClient(productsChannel);
        var targets = new List<string>();
        for (var index = 0; index < 5; index++)
        {
            targets.Add((await catalog.CreateProductAsync(new CreateProductRequest
            {
                Name = $"Hostile target {index}",
                Description = "Aimed at by the hostile requests; must never change.",
                Price = DecimalValue.FromDecimal(10m),
                Quantity = 1_000,
                Category = "hostile-targets",
                IsActive = true,
            })).Id);
        }

        var before = await SnapshotAsync(catalog, targets);
        var requests = new HostileRequests(seed, targets, fixture.Tokens).Generate(count).ToList();
        using var gateway = fixture.CreateGatewayClient();
        gateway.Timeout = RequestTimeout;
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (request, cancellationToken) =>
        {
            if (await CheckAsync(gateway, request, cancellationToken) is { } failure)
            {
                failures.Enqueue(failure);
            }
        });

        async Task<string?> CheckAsync(HttpClient client, HostileRequest request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request.ToMessage(), cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return $"no answer ({exception.GetType().Name}: {exception.Message} {exception.InnerException?.Message}) to {request}";
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, seen) => seen + 1);
                if (status >= 500)
                {
                    return $"{status} to {request}";
                }

                if (status < 400)
                {
                    return request.Method == HttpMethod.Get ? null : $"{status}: a write was accepted: {request}";
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !IsProblem(body, status))
                {
                    return $"{status} without problem+json ({response.Content.Headers.ContentType}: {body[..Math.Min(body.Length, 200)]}) to {request}";
                }

                return null;
            }
        }

        var after = await SnapshotAsync(catalog, targets);
        output.WriteLine($"{count} requests, seed {seed}: " + string.Join(", ", statuses.OrderBy(status => status.Key).Select(status => $"{status.Key} × {status.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} requests failed; the first:\n{string.Join("\n", failures.Take(40))}");
        Assert.Equal(before, after);
    }

    private static bool IsProblem(string body, int status)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.GetProperty("status").GetInt32() == status
                && problem.RootElement.TryGetProperty("title", out _)
                && problem.RootElement.TryGetProperty("traceId", out _);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    // What a refused request must not have changed: how many products and orders there are, and the targets themselves.
    private async Task<string> SnapshotAsync(ProductCatalog.ProductCatalogClient catalog, IReadOnlyList<string> targets)
    {
        var products = (await catalog.ListProductsAsync(new ListProductsRequest { PageSize = 1 })).TotalCount;
        await using var database = await orders.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orders", database);
        var orderCount = (long)(await command.ExecuteScalarAsync())!;
        var targetStates = new List<string>();
        foreach (var id in targets)
        {
            var product = await catalog.GetProductAsync(new GetProductRequest { Id = id });
            targetStates.Add($"{id}: v{product.Version} q{product.Quantity} {product.Price.ToDecimal()} {product.Name} active {product.IsActive}");
        }

        return $"products {products}, orders {orderCount}; {string.Join("; ", targetStates)}";
    }

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public void Dispose()
    {
        orders.Dispose();
        productsChannel.Dispose();
    }
}
