using System.Net;
using System.Text.Json;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Foundation;

[Collection(DistributedAppCollection.Name)]
public sealed class GatewayTests(DistributedAppFixture fixture)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoints_answer_200(string path)
    {
        using var client = fixture.CreateGatewayClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/health")]
    [InlineData("DELETE", "/health")]
    [InlineData("POST", "/alive")]
    public async Task Health_endpoints_answer_reads_only(string method, string path)
    {
        using var client = fixture.CreateGatewayClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_json_404()
    {
        using var client = fixture.CreateGatewayClient();

        using var response = await client.GetAsync($"/no-such-route/{Guid.NewGuid()}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task The_OpenAPI_document_and_its_UI_are_served()
    {
        using var client = fixture.CreateGatewayClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        using var ui = await client.GetAsync("/scalar");

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("paths").ValueKind);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_product_routes()
    {
        using var client = fixture.CreateGatewayClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal(["get", "post"], Operations(paths, "/products"));
        Assert.Equal(["delete", "get", "put"], Operations(paths, "/products/{id}"));
        Assert.Equal(["post"], Operations(paths, "/products/{id}/stock"));
        Assert.Equal(
            ["AdjustStock", "CreateProduct", "DeleteProduct", "GetProduct", "ListProducts", "UpdateProduct"],
            paths.EnumerateObject()
                .Where(path => path.Name.StartsWith("/products", StringComparison.Ordinal))
                .SelectMany(path => path.Value.EnumerateObject())
                .Select(operation => operation.Value.GetProperty("operationId").GetString())
                .Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Operations(JsonElement paths, string path) =>
        paths.GetProperty(path).EnumerateObject().Select(operation => operation.Name).Order(StringComparer.Ordinal);
}
