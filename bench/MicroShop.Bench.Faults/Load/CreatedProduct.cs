namespace MicroShop.Bench.Load;

// The Gateway's JSON as this tool sends or reads it: only the fields it needs.
public sealed record CreatedProduct(string Id);
