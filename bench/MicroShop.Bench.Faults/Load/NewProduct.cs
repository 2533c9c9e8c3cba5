namespace MicroShop.Bench.Load;

// The Gateway's JSON as this tool sends or reads it: only the fields it needs.
public sealed record NewProduct(string Name, string Description, decimal Price, int Quantity, string Category, bool IsActive);
