namespace MicroShop.Contracts.Messages;

// Published by Products on catalog_exchange with routing key product.stock.changed when a stock adjustment or an
// order's reservation (taken or given back) changed these products' quantity and version: whoever shows that stock
// (the Gateway's product cache) drops its copy. A separate key from ProductChanged, so that copies that ignore stock
// (Orders' catalog cache) are not dropped by every order.
public sealed record ProductStockChanged(IReadOnlyList<string> ProductIds);
