namespace MicroShop.Bench.Hosting;

// Where the application under test answers; BrokerManagement: RabbitMQ's management API, for the saga's invariants after
// the run. ResourcePids holds the process id Aspire reports for each resource (empty for an application someone else
// started: the processes are then found by name). AccessToken: a Gateway bearer token with the admin role (it seeds the
// catalog and orders for many users).
public sealed record BenchTarget(
    Uri Gateway,
    Uri Products,
    string RabbitMq,
    Uri BrokerManagement,
    string Postgres,
    string MongoDb,
    IReadOnlyDictionary<string, int> ResourcePids,
    string AccessToken)
{
    public static BenchTarget? FromArguments(
        string? gateway, string? products, string? rabbitmq, string? rabbitmqManagement, string? postgres, string? mongodb, string? token)
    {
        string?[] all = [gateway, products, rabbitmq, rabbitmqManagement, postgres, mongodb, token];
        if (all.All(value => value is null))
        {
            return null;
        }

        // Every floor, the outcome reader and the invariants need their server: a partial set would silently measure less.
        if (all.Any(value => value is null))
        {
            throw new ArgumentException(
                "A running application needs all of --gateway, --products, --rabbitmq, --rabbitmq-management, --postgres, --mongodb and --token.");
        }

        return new BenchTarget(
            new Uri(gateway!), new Uri(products!), rabbitmq!, new Uri(rabbitmqManagement!), postgres!, mongodb!, new Dictionary<string, int>(), token!);
    }
}
