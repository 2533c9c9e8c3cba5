using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MicroShop.Tests.Infrastructure;
using static MicroShop.Tests.Products.CatalogRequests;

namespace MicroShop.Tests.Products;

// Whatever a client sends to /products, a mistake is a 4xx problem+json, never a 5xx.
[Collection(DistributedAppCollection.Name)]
public sealed class ProductsBadInputTests(DistributedAppFixture fixture)
{
    [Theory]
    [InlineData("{\"name\": \"Mug\",")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"name\": 5, \"price\": 1, \"category\": \"c\"}")]
    [InlineData("{\"name\": \"Mug\", \"price\": \"cheap\", \"category\": \"c\"}")]
    [InlineData("{\"name\": \"Mug\", \"price\": 1, \"quantity\": 1.5, \"category\": \"c\"}")]
    [InlineData("{\"name\": \"Mug\", \"price\": 1, \"quantity\": 99999999999, \"category\": \"c\"}")]
    [InlineData("{\"name\": \"Mug\", \"price\": 1, \"category\": \"c\", \"isActive\": \"yes\"}")]
    [InlineData("{\"name\": \"Mug\", \"price\": 1e400, \"category\": \"c\"}")]
    [InlineData("{\"name\": \"Mug\", \"price\": 1, \"category\": \"c\", \"name\": \"Cup\"}")]
    public async Task An_unreadable_product_body_is_400_on_create_and_replace(string body)
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var id = (await CreateAsync(gateway, ValidProduct(UniqueCategory()))).GetProperty("id").GetString();

        using var create = await gateway.PostAsync("/products", Json(body));
        using var replace = await gateway.PutAsync($"/products/{id}", Json(body));

        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(replace, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("100000000000000000000")]
    [InlineData("19.9900000000001")]
    public async Task A_price_the_wire_cannot_carry_exactly_is_400_naming_price(string price)
    {
        using var gateway = fixture.CreateAdminGatewayClient();

        using var response = await gateway.PostAsync("/products",
            Json($$"""{"name":"Mug","description":"","price":{{price}},"quantity":1,"category":"{{UniqueCategory()}}","isActive":true}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("price", out _));
    }

    [Fact]
    public async Task A_huge_string_is_400_naming_the_field()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var product = ValidProduct(UniqueCategory());
        product["name"] = new string('n', 20_000);

        using var response = await gateway.PostAsJsonAsync("/products", product);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_body_far_larger_than_any_product_is_413()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var product = ValidProduct(UniqueCategory());
        product["description"] = new string('d', 1_000_000);

        using var response = await gateway.PostAsJsonAsync("/products", product);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("123")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("0123456789abcdef0123456789")]
    public async Task A_malformed_id_is_400_naming_id_on_every_route(string id)
    {
        using var gateway = fixture.CreateAdminGatewayClient();

        using var get = await gateway.GetAsync($"/products/{id}");
        using var put = await gateway.PutAsJsonAsync($"/products/{id}", ValidProduct(UniqueCategory()));
        using var delete = await gateway.DeleteAsync($"/products/{id}");
        using var stock = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = 1 });

        foreach (var response in new[] { get, put, delete, stock })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
        }
    }

    [Fact]
    public async Task A_very_long_id_is_a_4xx_problem()
    {
        using var gateway = fixture.CreateAdminGatewayClient();

        using var response = await gateway.GetAsync($"/products/{new string('a', 4_000)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    public async Task Out_of_range_paging_is_400_naming_the_parameter(string query, string field)
    {
        using var gateway = fixture.CreateAdminGatewayClient();

        using var response = await gateway.GetAsync($"/products?category={UniqueCategory()}&{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("pageSize=1.5")]
    [InlineData("page=99999999999")]
    [InlineData("isActive=maybe")]
    public async Task An_unparsable_query_is_400(string query)
    {
        using var gateway = fixture.CreateAdminGatewayClient();

        using var response = await gateway.GetAsync($"/products?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_page_far_beyond_the_end_is_empty()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        await CreateAsync(gateway, ValidProduct(category));

        using var response = await gateway.GetAsync($"/products?category={category}&page={int.MaxValue}&pageSize=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ReadJsonAsync(response);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page.GetProperty("totalCount").GetInt64());
    }

    [Theory]
    [InlineData("{\"delta\": \"abc\"}")]
    [InlineData("{\"delta\": 1.5}")]
    [InlineData("{\"delta\": 3000000000}")]
    [InlineData("{\"delta\":")]
    [InlineData("")]
    public async Task An_unreadable_stock_adjustment_is_400_and_changes_nothing(string body)
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var product = await CreateAsync(gateway, ValidProduct(UniqueCategory(), quantity: 4));
        var id = product.GetProperty("id").GetString();

        using var response = await gateway.PostAsync($"/products/{id}/stock", Json(body));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(product.GetRawText(), (await ReadJsonAsync(await gateway.GetAsync($"/products/{id}"))).GetRawText());
    }

    [Fact]
    public async Task A_restock_past_the_largest_quantity_is_409_and_changes_nothing()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var product = await CreateAsync(gateway, ValidProduct(UniqueCategory(), quantity: 1));
        var id = product.GetProperty("id").GetString();

        using var response = await gateway.PostAsJsonAsync($"/products/{id}/stock", new JsonObject { ["delta"] = int.MaxValue });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(product.GetRawText(), (await ReadJsonAsync(await gateway.GetAsync($"/products/{id}"))).GetRawText());
    }
}
