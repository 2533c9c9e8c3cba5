using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroShop.Tests.Infrastructure;
using static MicroShop.Tests.Products.CatalogRequests;

namespace MicroShop.Tests.Products;

// The catalog through the Gateway's /products routes, backed by the real Products service and MongoDB.
[Collection(DistributedAppCollection.Name)]
public sealed class ProductsApiTests(DistributedAppFixture fixture)
{
    public static TheoryData<string, JsonNode?> InvalidFields => new()
    {
        { "name", "" },
        { "name", "   " },
        { "name", new string('n', 201) },
        { "description", new string('d', 2_001) },
        { "price", -0.01m },
        { "price", 19.999m },
        { "price", 1_000_000.01m },
        { "price", null },
        { "quantity", -1 },
        { "category", "" },
        { "category", new string('c', 101) },
    };

    [Fact]
    public async Task A_product_is_created_read_replaced_and_deleted()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();

        using var created = await gateway.PostAsJsonAsync("/products", ValidProduct(category));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = await ReadJsonAsync(created);
        var id = product.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{24}$", id);
        Assert.Equal($"/products/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(ProductJsonFields, product.EnumerateObject().Select(property => property.Name));
        Assert.Equal("Enamel mug", product.GetProperty("name").GetString());
        Assert.Equal("Holds 350 ml.", product.GetProperty("description").GetString());
        Assert.Equal(19.99m, product.GetProperty("price").GetDecimal());
        Assert.Equal(10, product.GetProperty("quantity").GetInt32());
        Assert.Equal(category, product.GetProperty("category").GetString());
        Assert.True(product.GetProperty("isActive").GetBoolean());

        using var read = await gateway.GetAsync($"/products/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(product.GetRawText(), (await ReadJsonAsync(read)).GetRawText());

        var replacement = ValidProduct(category, name: "Steel mug", price: 24.50m, quantity: 3, isActive: false);
        replacement["description"] = "Keeps tea hot.";
        using var replaced = await gateway.PutAsJsonAsync($"/products/{id}", replacement);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var updated = await ReadJsonAsync(replaced);
        Assert.Equal(ProductJsonFields, updated.EnumerateObject().Select(property => property.Name));
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal("Steel mug", updated.GetProperty("name").GetString());
        Assert.Equal("Keeps tea hot.", updated.GetProperty("description").GetString());
        Assert.Equal(24.50m, updated.GetProperty("price").GetDecimal());
        Assert.Equal(3, updated.GetProperty("quantity").GetInt32());
        Assert.False(updated.GetProperty("isActive").GetBoolean());

        using var reread = await gateway.GetAsync($"/products/{id}");
        Assert.Equal(updated.GetRawText(), (await ReadJsonAsync(reread)).GetRawText());

        using var deleted = await gateway.DeleteAsync($"/products/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var gone = await gateway.GetAsync($"/products/{id}");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
        using var deletedAgain = await gateway.DeleteAsync($"/products/{id}");
        await ProblemAssert.IsProblemAsync(deletedAgain, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_named_in_the_errors_of_a_create(string field, JsonNode? value)
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        var product = ValidProduct(category);
        product[field] = value?.DeepClone();

        using var response = await gateway.PostAsJsonAsync("/products", product);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        await AssertCategoryIsEmptyAsync(gateway, category);
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_named_in_the_errors_of_a_replace_which_changes_nothing(string field, JsonNode? value)
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var product = await CreateAsync(gateway, ValidProduct(UniqueCategory()));
        var id = product.GetProperty("id").GetString();
        var replacement = ValidProduct(UniqueCategory(), name: "Replaced");
        replacement[field] = value?.DeepClone();

        using var response = await gateway.PutAsJsonAsync($"/products/{id}", replacement);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        Assert.Equal(product.GetRawText(), (await ReadJsonAsync(await gateway.GetAsync($"/products/{id}"))).GetRawText());
    }

    [Fact]
    public async Task Every_invalid_field_is_named_at_once_in_camel_case()
    {
        using var gateway = fixture.CreateAdminGatewayClient();

        using var response = await gateway.PostAsJsonAsync("/products", new JsonObject
        {
            ["name"] = "",
            ["description"] = new string('d', 2_001),
            ["price"] = 0.001m,
            ["quantity"] = -5,
            ["category"] = "",
            ["isActive"] = true,
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["category", "description", "name", "price", "quantity"],
            errors.EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
        Assert.All(errors.EnumerateObject(), error => Assert.False(string.IsNullOrEmpty(error.Value[0].GetString())));
    }

    [Theory]
    [InlineData("19.99")]
    [InlineData("0.10")]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("999999.99")]
    [InlineData("1000000")]
    public async Task A_price_round_trips_exactly(string price)
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var expected = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        var body = $$"""{"name":"Priced","description":"","price":{{price}},"quantity":1,"category":"{{UniqueCategory()}}","isActive":true}""";

        using var created = await gateway.PostAsync("/products", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetString();
        using var read = await gateway.GetAsync($"/products/{id}");

        Assert.Equal(expected, (await ReadJsonAsync(read)).GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task A_listing_pages_through_a_category_in_name_order_without_overlap()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        string[] names = ["Echo", "Alpha", "Delta", "Bravo", "Charlie"];
        foreach (var name in names)
        {
            await CreateAsync(gateway, ValidProduct(category, name));
        }

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            using var response = await gateway.GetAsync($"/products?category={category}&page={page}&pageSize=2");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(await ReadJsonAsync(response));
        }

        Assert.All(pages, page => Assert.Equal(5, page.GetProperty("totalCount").GetInt64()));
        Assert.All(pages, page => Assert.Equal(2, page.GetProperty("pageSize").GetInt32()));
        Assert.Equal([1, 2, 3], pages.Select(page => page.GetProperty("page").GetInt32()));
        Assert.Equal([2, 2, 1], pages.Select(page => page.GetProperty("items").GetArrayLength()));
        Assert.Equal(
            names.Order(StringComparer.Ordinal),
            pages.SelectMany(page => page.GetProperty("items").EnumerateArray()).Select(item => item.GetProperty("name").GetString()));
        Assert.Equal(["items", "page", "pageSize", "totalCount"], pages[0].EnumerateObject().Select(property => property.Name));

        using var beyond = await gateway.GetAsync($"/products?category={category}&page=4&pageSize=2");
        var empty = await ReadJsonAsync(beyond);
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        Assert.Equal(5, empty.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task A_listing_filters_by_activity_and_defaults_to_page_1_of_20()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(gateway, ValidProduct(category, $"Active {i}"));
        }

        for (var i = 0; i < 2; i++)
        {
            await CreateAsync(gateway, ValidProduct(category, $"Retired {i}", isActive: false));
        }

        var all = await ReadJsonAsync(await gateway.GetAsync($"/products?category={category}"));
        var active = await ReadJsonAsync(await gateway.GetAsync($"/products?category={category}&isActive=true"));
        var inactive = await ReadJsonAsync(await gateway.GetAsync($"/products?category={category}&isActive=false"));

        Assert.Equal(1, all.GetProperty("page").GetInt32());
        Assert.Equal(20, all.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, all.GetProperty("totalCount").GetInt64());
        Assert.Equal(3, active.GetProperty("totalCount").GetInt64());
        Assert.All(active.GetProperty("items").EnumerateArray(), item => Assert.True(item.GetProperty("isActive").GetBoolean()));
        Assert.Equal(2, inactive.GetProperty("totalCount").GetInt64());
        Assert.All(inactive.GetProperty("items").EnumerateArray(), item => Assert.False(item.GetProperty("isActive").GetBoolean()));
        Assert.All(all.GetProperty("items").EnumerateArray(), item => Assert.Equal(category, item.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task An_unknown_product_is_404_on_every_route()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var id = MongoDB.Bson.ObjectId.GenerateNewId().ToString();

        using var get = await gateway.GetAsync($"/products/{id}");
        using var put = await gateway.PutAsJsonAsync($"/products/{id}", ValidProduct(UniqueCategory()));
        using var delete = await gateway.DeleteAsync($"/products/{id}");
        using var stock = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = 1 });

        foreach (var response in new[] { get, put, delete, stock })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Stock_is_adjusted_up_and_down_but_never_below_zero()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var id = (await CreateAsync(gateway, ValidProduct(UniqueCategory(), quantity: 5))).GetProperty("id").GetString();

        using var restocked = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = 7 });
        Assert.Equal(HttpStatusCode.OK, restocked.StatusCode);
        Assert.Equal(12, (await ReadJsonAsync(restocked)).GetProperty("quantity").GetInt32());

        using var taken = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = -12 });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(0, (await ReadJsonAsync(taken)).GetProperty("quantity").GetInt32());

        using var overdrawn = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = -1 });
        await ProblemAssert.IsProblemAsync(overdrawn, HttpStatusCode.Conflict);

        using var zero = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = 0 });
        var problem = await ProblemAssert.IsProblemAsync(zero, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("delta", out _));

        using var read = await gateway.GetAsync($"/products/{id}");
        Assert.Equal(0, (await ReadJsonAsync(read)).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task An_adjustment_larger_than_the_stock_is_409_and_changes_nothing()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var id = (await CreateAsync(gateway, ValidProduct(UniqueCategory(), quantity: 3))).GetProperty("id").GetString();
        using var before = await gateway.GetAsync($"/products/{id}");

        using var response = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = -4 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        using var after = await gateway.GetAsync($"/products/{id}");
        Assert.Equal((await ReadJsonAsync(before)).GetRawText(), (await ReadJsonAsync(after)).GetRawText());
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task Every_write_changes_the_ETag_and_If_Match_guards_a_replace()
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        using var created = await gateway.PostAsJsonAsync("/products", ValidProduct(category));
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetString();
        using var read = await gateway.GetAsync($"/products/{id}");
        var etag = read.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(created.Headers.ETag, etag);

        using var stocked = await gateway.PostAsJsonAsync($"/products/{id}/stock", new { delta = 1 });
        Assert.NotEqual(etag, stocked.Headers.ETag);

        using var stale = await PutAsync(gateway, id!, ValidProduct(category, "Stale"), etag.Tag);
        var problem = await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));

        using var current = await PutAsync(gateway, id!, ValidProduct(category, "Current"), stocked.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.NotEqual(stocked.Headers.ETag, current.Headers.ETag);

        using var any = await PutAsync(gateway, id!, ValidProduct(category, "Any"), "*");
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);

        using var unconditional = await gateway.PutAsJsonAsync($"/products/{id}", ValidProduct(category, "Unconditional"));
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
        using var final = await gateway.GetAsync($"/products/{id}");
        Assert.Equal("Unconditional", (await ReadJsonAsync(final)).GetProperty("name").GetString());
        Assert.Equal(unconditional.Headers.ETag, final.Headers.ETag);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"not-a-version\"")]
    public async Task An_If_Match_the_Gateway_never_issued_is_412(string ifMatch)
    {
        using var gateway = fixture.CreateAdminGatewayClient();
        var category = UniqueCategory();
        var product = await CreateAsync(gateway, ValidProduct(category));
        var id = product.GetProperty("id").GetString()!;

        using var response = await PutAsync(gateway, id, ValidProduct(category, "Never"), ifMatch);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(product.GetRawText(), (await ReadJsonAsync(await gateway.GetAsync($"/products/{id}"))).GetRawText());
    }

    internal static async Task<HttpResponseMessage> PutAsync(HttpClient gateway, string id, JsonObject product, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/products/{id}") { Content = JsonContent.Create(product) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await gateway.SendAsync(request);
    }

    private static async Task AssertCategoryIsEmptyAsync(HttpClient gateway, string category)
    {
        using var response = await gateway.GetAsync($"/products?category={category}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ReadJsonAsync(response);
        Assert.Equal(0, page.GetProperty("totalCount").GetInt64());
        Assert.Equal(JsonValueKind.Array, page.GetProperty("items").ValueKind);
    }
}
