namespace MicroShop.Products.Domain;

// Field is the contract's field name (snake_case), so clients can point at what to fix.
public sealed record ValidationError(string Field, string Description);
