namespace MicroShop.Contracts.Messages;

// UnitPrice is the price the order captured: Products reserves the line only at that price, so an order priced from a
// catalog copy that was out of date fails instead of selling at a price no longer in force.
public sealed record OrderLine(string ProductId, int Quantity, decimal? UnitPrice = null);
