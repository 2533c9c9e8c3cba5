using System.Text.Json;

namespace MicroShop.Bench.Load;

// The orders a step sends: one plentiful line each, and for a share of them a second line on the scarce product.
public sealed class OrderMix(SeededCatalog catalog, double scarceShare)
{
    private const int Users = 100;

    // Seeded: two runs send the same sequence of orders.
    private readonly Random random = new(7);

    // Called only by the one scheduling loop, so the Random needs no lock.
    public byte[] Next(long number)
    {
        List<NewOrderLine> items = [new(catalog.Plentiful[(int)(number % catalog.Plentiful.Count)], 1)];
        if (random.NextDouble() < scarceShare)
        {
            items.Add(new NewOrderLine(catalog.Scarce, 1));
        }

        return JsonSerializer.SerializeToUtf8Bytes(new NewOrder($"bench-user-{number % Users}", items), GatewayJson.Options);
    }
}
