using System.Net;
using System.Net.Http.Json;
using MicroShop.Tests.Infrastructure;
using static MicroShop.Tests.Products.CatalogRequests;

namespace MicroShop.Tests.Products;

// Many writers at once, through the Gateway: stock and versions stay consistent.
[Collection(DistributedAppCollection.Name)]
public sealed class ProductsConcurrencyTests(DistributedAppFixture fixture)
{
    [Fact]
    public async Task Fifty_parallel_decrements_of_twenty_units_succeed_exactly_twenty_times()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var id = (await CreateAsync(gateway, ValidProduct(UniqueCategory(), quantity: 20))).GetProperty("id").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = -1 });
            return response.StatusCode;
        }));

        Assert.Equal(20, responses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(30, responses.Count(status => status == HttpStatusCode.Conflict));
        using var read = await gateway.GetAsync($"/products/{id}");
        Assert.Equal(0, (await ReadJsonAsync(read)).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Of_concurrent_replaces_with_the_same_If_Match_exactly_one_wins()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        var id = (await CreateAsync(gateway, ValidProduct(category))).GetProperty("id").GetString()!;
        using var read = await gateway.GetAsync($"/products/{id}");
        var etag = read.Headers.ETag!.Tag;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async writer =>
        {
            using var response = await ProductsApiTests.PutAsync(gateway, id, ValidProduct(category, $"Writer {writer}"), etag);
            var name = response.IsSuccessStatusCode ? (await ReadJsonAsync(response)).GetProperty("name").GetString() : null;
            return (response.StatusCode, Name: name);
        }));

        var winner = Assert.Single(results, result => result.StatusCode == HttpStatusCode.OK);
        Assert.Equal(9, results.Count(result => result.StatusCode == HttpStatusCode.PreconditionFailed));
        using var final = await gateway.GetAsync($"/products/{id}");
        Assert.Equal(winner.Name, (await ReadJsonAsync(final)).GetProperty("name").GetString());
    }
}
