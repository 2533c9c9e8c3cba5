namespace MicroShop.Gateway.Apis;

// Positive restocks, negative writes off or takes units.
public sealed record StockAdjustmentRequest(int Delta);
