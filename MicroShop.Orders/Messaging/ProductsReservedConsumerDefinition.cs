using MassTransit;
using MicroShop.Contracts.Messages;

namespace MicroShop.Orders.Messaging;

public sealed class ProductsReservedConsumerDefinition : ConsumerDefinition<ProductsReservedConsumer>
{
    public ProductsReservedConsumerDefinition()
    {
        EndpointName = MessageTopology.ReservationOutcomeQueue;
        ConcurrentMessageLimit = ReservationOutcomeEndpoint.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ProductsReservedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindTopic(MessageTopology.OrdersExchange, MessageTopology.ProductsReservedRoutingKey);
        consumerConfigurator.UseMessageRetry(ReservationOutcomeEndpoint.ConfigureRetry);
    }
}
