using System.Net.Http.Headers;
using Grpc.Net.Client;
using MicroShop.Contracts.Products.V1;

namespace MicroShop.Bench.Floor;

// The same product read three ways: straight to Products over gRPC; through the Gateway's HTTP/JSON route past its
// cache (Cache-Control: no-cache), which adds Kestrel, routing, the resilient gRPC client and JSON, so the ratio is
// what the Gateway costs; and through the same route from the Gateway's cache, what a catalog read costs.
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

    public async Task ReadThroughGatewayAsync(long sequence, bool cached)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/products/{productIds[(int)(sequence % productIds.Count)]}");
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = !cached };
        using var response = await gateway.SendAsync(request);
        response.EnsureSuccessStatusCode();
        // The body is part of the work: read it all.
        await response.Content.ReadAsByteArrayAsync();
    }

    public void Dispose() => products.Dispose();
}
