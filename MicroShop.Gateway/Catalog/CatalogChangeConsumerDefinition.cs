using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;

namespace MicroShop.Gateway.Catalog;

// Every Gateway instance keeps its own copies in memory, so each one hears of every change, stock included, on a
// queue of its own.
public sealed class CatalogChangeConsumerDefinition()
    : InstanceConsumerDefinition<CatalogChangeConsumer>(
        "gateway_catalog_changes", MessageTopology.CatalogExchange, MessageTopology.AnyProductChangeRoutingPattern);
