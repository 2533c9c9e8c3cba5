namespace MicroShop.Gateway.Apis;

// A product as the Gateway's clients see it; its version travels in the ETag header, not the body.
public sealed record ProductResponse(
    string Id,
    string Name,
    string Description,
    decimal Price,
    int Quantity,
    string Category,
    bool IsActive);
