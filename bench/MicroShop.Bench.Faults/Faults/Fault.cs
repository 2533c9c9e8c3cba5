namespace MicroShop.Bench.Faults;

// One fault of the run: a kill -9 of one resource (every process of it) and its restart through the AppHost.
// WhileUnrelayed waits, before the kill, for orders that are committed and not yet published by the outbox relay.
public sealed record Fault(string Name, string Resource, bool WhileUnrelayed = false)
{
    public static IReadOnlyList<Fault> All { get; } =
    [
        new("products", "products"),
        new("orders (committed, not relayed)", "orders", WhileUnrelayed: true),
        new("gateway", "gateway"),
        new("rabbitmq", "rabbitmq"),
        new("postgres", "postgres"),
        new("mongodb", "mongodb"),
    ];

    // By resource name, in the order given: "orders,products".
    public static IReadOnlyList<Fault> Named(IEnumerable<string> resources) =>
    [
        .. resources.Select(resource => All.FirstOrDefault(fault => fault.Resource == resource)
            ?? throw new ArgumentException($"No fault for '{resource}'; known: {string.Join(", ", All.Select(fault => fault.Resource))}.")),
    ];
}
