using MicroShop.Contracts.Messages;
using MicroShop.ServiceDefaults;

namespace MicroShop.Orders.Messaging;

public sealed class ProductReservationFailedConsumerDefinition()
    : SharedQueueConsumerDefinition<ProductReservationFailedConsumer>(ReservationOutcomeEndpoint.Settings, MessageTopology.ProductReservationFailedRoutingKey);
