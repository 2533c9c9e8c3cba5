using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Messaging;

// Every Orders instance keeps its own catalog copy, so each one hears of every change on a queue of its own.
public sealed class ProductChangedConsumerDefinition()
    : InstanceConsumerDefinition<ProductChangedConsumer>("orders_catalog_changes", MessageTopology.CatalogExchange, MessageTopology.ProductChangedRoutingKey);
