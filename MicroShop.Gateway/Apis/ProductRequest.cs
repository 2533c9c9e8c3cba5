namespace MicroShop.Gateway.Apis;

// The body of POST and PUT /products. Absent strings are sent as empty and absent prices as no price,
// so the Products service, which owns the rules, names them.
public sealed record ProductRequest(
    string? Name,
    string? Description,
    decimal? Price,
    int Quantity,
    string? Category,
    bool IsActive);
