namespace MicroShop.Bench.Hosting;

// Where the application under test answers. ResourcePids holds the process id Aspire reports for each resource
// (empty for an application someone else started: the processes are then found by name). AccessToken: a Gateway bearer
// token with the admin role (it seeds the catalog and orders for many users).
public sealed record BenchTarget(
    Uri Gateway,
    Uri Products,
    string RabbitMq,
    string Postgres,
    string MongoDb,
    IReadOnlyDictionary<string, int> ResourcePids,
    string AccessToken)
{
    public static BenchTarget? FromArguments(string? gateway, string? products, string? rabbitmq, string? postgres, string? mongodb, string? token)
    {
        string?[] all = [gateway, products, rabbitmq, postgres, mongodb, token];
        if (all.All(value => value is null))
        {
            return null;
        }

        // Every floor and the outcome reader need their server: a partial set would silently measure less.
        if (all.Any(value => value is null))
        {
            throw new ArgumentException("A running application needs all of --gateway, --products, --rabbitmq, --postgres, --mongodb and --token.");
        }

        return new BenchTarget(new Uri(gateway!), new Uri(products!), rabbitmq!, postgres!, mongodb!, new Dictionary<string, int>(), token!);
    }
}
