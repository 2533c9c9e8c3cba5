using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Messaging;

public sealed class ProductsReservedConsumerDefinition()
    : SharedQueueConsumerDefinition<ProductsReservedConsumer>(ReservationOutcomeEndpoint.Settings, MessageTopology.ProductsReservedRoutingKey);
