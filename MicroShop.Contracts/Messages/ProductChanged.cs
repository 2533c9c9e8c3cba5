namespace MicroShop.Contracts.Messages;

// Published by Products on catalog_exchange with routing key product.changed when a product is replaced or deleted:
// whoever keeps a copy of it (Orders' catalog cache) drops that copy. Stock changes are not announced.
public sealed record ProductChanged(string ProductId);
