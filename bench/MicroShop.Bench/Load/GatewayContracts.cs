namespace MicroShop.Bench.Load;

// The Gateway's JSON as this tool sends and reads it: only the fields it needs.
public sealed record NewProduct(string Name, string Description, decimal Price, int Quantity, string Category, bool IsActive);

public sealed record CreatedProduct(string Id);

public sealed record NewOrder(string UserId, IReadOnlyList<NewOrderLine> Items);

public sealed record NewOrderLine(string ProductId, int Quantity);

public sealed record OrderState(string Id, string Status, DateTimeOffset UpdatedAt);
