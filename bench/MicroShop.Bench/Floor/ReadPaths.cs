using Grpc.Net.Client;
using MicroShop.Contracts.Products.V1;

namespace MicroShop.Bench.Floor;

// The same product read two ways: straight to Products over gRPC, and through the Gateway's HTTP/JSON route,
// which adds Kestrel, routing, the resilient gRPC client and JSON. The ratio is what the Gateway costs.
public sealed class ReadPaths(GrpcChannel products, HttpClient gateway, IReadOnlyList<string> productIds) : IDisposable
{
    private readonly ProductCatalog.ProductCatalogClient catalog = new(products);

    public static ReadPaths Create(Uri productsEndpoint, HttpClient gateway, IReadOnlyList<string> productIds) =>
        new(GrpcChannel.ForAddress(productsEndpoint, new GrpcChannelOptions
        {
            // One HTTP/2 connection caps concurrent streams at the server's limit (100): open more when needed.
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        }), gateway, productIds);

    public async Task ReadDirectAsync(long sequence) =>
        await catalog.GetProductAsync(new GetProductRequest { Id = productIds[(int)(sequence % productIds.Count)] });

    public async Task ReadThroughGatewayAsync(long sequence)
    {
        using var response = await gateway.GetAsync($"/products/{productIds[(int)(sequence % productIds.Count)]}");
        response.EnsureSuccessStatusCode();
        // The body is part of the work: read it all.
        await response.Content.ReadAsByteArrayAsync();
    }

    public void Dispose() => products.Dispose();
}
