namespace MicroShop.Bench.Faults;

// One fault of the run: a kill -9 of one resource (every process of it) and its restart through the AppHost, or, with
// Graceful, the AppHost's own stop (SIGTERM) and start, as a rolling restart does it. WhileUnrelayed waits, before the
// kill, for orders that are committed and not yet published by the outbox relay.
public sealed record Fault(string Key, string Name, string Resource, bool WhileUnrelayed = false, bool Graceful = false)
{
    public static IReadOnlyList<Fault> All { get; } =
    [
        new("products", "products", "products"),
        new("orders", "orders (committed, not relayed)", "orders", WhileUnrelayed: true),
        new("gateway", "gateway", "gateway"),
        new("rabbitmq", "rabbitmq", "rabbitmq"),
        new("postgres", "postgres", "postgres"),
        new("mongodb", "mongodb", "mongodb"),
    ];

    public static IReadOnlyList<Fault> Restarts { get; } =
    [
        new("restart-products", "products (SIGTERM, restart)", "products", Graceful: true),
        new("restart-orders", "orders (SIGTERM, restart)", "orders", Graceful: true),
    ];

    // By key, in the order given: "orders,products,restart-orders".
    public static IReadOnlyList<Fault> Named(IEnumerable<string> keys) =>
    [
        .. keys.Select(key => All.Concat(Restarts).FirstOrDefault(fault => fault.Key == key)
            ?? throw new ArgumentException($"No fault '{key}'; known: {string.Join(", ", All.Concat(Restarts).Select(fault => fault.Key))}.")),
    ];
}
