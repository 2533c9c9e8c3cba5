namespace MicroShop.Bench.Hosting;

// Where the application under test answers. ResourcePids holds the process id Aspire reports for each resource
// (empty for an application someone else started: the processes are then found by name).
public sealed record BenchTarget(
    Uri Gateway,
    Uri Products,
    string RabbitMq,
    string Postgres,
    string MongoDb,
    IReadOnlyDictionary<string, int> ResourcePids)
{
    public static BenchTarget? FromArguments(string? gateway, string? products, string? rabbitmq, string? postgres, string? mongodb)
    {
        string?[] all = [gateway, products, rabbitmq, postgres, mongodb];
        if (all.All(value => value is null))
        {
            return null;
        }

        // Every floor and the outcome reader need their server: a partial set would silently measure less.
        if (all.Any(value => value is null))
        {
            throw new ArgumentException("A running application needs all of --gateway, --products, --rabbitmq, --postgres and --mongodb.");
        }

        return new BenchTarget(new Uri(gateway!), new Uri(products!), rabbitmq!, postgres!, mongodb!, new Dictionary<string, int>());
    }
}
