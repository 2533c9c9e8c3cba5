using MassTransit;
using MicroShop.Contracts.Messages;

namespace MicroShop.Orders.Messaging;

public sealed class ProductReservationFailedConsumerDefinition : ConsumerDefinition<ProductReservationFailedConsumer>
{
    public ProductReservationFailedConsumerDefinition()
    {
        EndpointName = MessageTopology.ReservationOutcomeQueue;
        ConcurrentMessageLimit = ReservationOutcomeEndpoint.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ProductReservationFailedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindTopic(MessageTopology.OrdersExchange, MessageTopology.ProductReservationFailedRoutingKey);
        consumerConfigurator.UseMessageRetry(ReservationOutcomeEndpoint.ConfigureRetry);
    }
}
