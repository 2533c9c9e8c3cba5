using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MicroShop.Tests.Products;

// Bodies and reads shared by the catalog's HTTP tests. Each test uses its own category, so tests never see
// each other's products in a listing.
public static class CatalogRequests
{
    public static readonly string[] ProductJsonFields = ["id", "name", "description", "price", "quantity", "category", "isActive"];

    public static string UniqueCategory() => $"test-{Guid.NewGuid():N}";

    public static JsonObject ValidProduct(string category, string name = "Enamel mug", decimal price = 19.99m, int quantity = 10, bool isActive = true) =>
        new()
        {
            ["name"] = name,
            ["description"] = "Holds 350 ml.",
            ["price"] = price,
            ["quantity"] = quantity,
            ["category"] = category,
            ["isActive"] = isActive,
        };

    public static async Task<JsonElement> CreateAsync(HttpClient gateway, JsonObject product)
    {
        using var response = await gateway.PostAsJsonAsync("/products", product);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
