namespace MicroShop.Products.Domain;

// A catalog entry and its stock, as stored. Version grows by one on every write.
public sealed record Product(
    string Id,
    string Name,
    string Description,
    decimal Price,
    int Quantity,
    string Category,
    bool IsActive,
    long Version);
