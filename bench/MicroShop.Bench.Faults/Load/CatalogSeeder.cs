using System.Net.Http.Json;

namespace MicroShop.Bench.Load;

public static class CatalogSeeder
{
    // Enough products that concurrent reservations rarely queue on one document.
    private const int PlentifulProducts = 32;
    private const int PlentifulStock = 1_000_000_000;

    public static async Task<SeededCatalog> SeedAsync(HttpClient gateway, int scarceStock, CancellationToken cancellationToken)
    {
        var plentiful = new List<string>();
        for (var i = 0; i < PlentifulProducts; i++)
        {
            plentiful.Add(await CreateAsync(gateway, $"Bench item {i}", PlentifulStock, cancellationToken));
        }

        var scarce = await CreateAsync(gateway, "Bench scarce item", scarceStock, cancellationToken);
        var initialStock = plentiful.ToDictionary(id => id, _ => (long)PlentifulStock);
        initialStock[scarce] = scarceStock;
        return new SeededCatalog(plentiful, scarce, initialStock);
    }

    private static async Task<string> CreateAsync(HttpClient gateway, string name, int quantity, CancellationToken cancellationToken)
    {
        var product = new NewProduct(name, "Seeded by MicroShop.Bench", 9.99m, quantity, "bench", IsActive: true);
        using var response = await gateway.PostAsJsonAsync("/products", product, GatewayJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedProduct>(GatewayJson.Options, cancellationToken);
        return created?.Id ?? throw new InvalidOperationException("POST /products returned no id.");
    }
}
