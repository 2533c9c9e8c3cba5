namespace MicroShop.Contracts.Messages;

public sealed record OrderLine(string ProductId, int Quantity);
