using MassTransit;
using MicroShop.Contracts.Messages;
using MicroShop.Orders.Catalog;

namespace MicroShop.Orders.Messaging;

// A product was replaced or deleted: the next order that names it reads it from the catalog again.
public sealed class ProductChangedConsumer(CatalogCache catalog) : IConsumer<ProductChanged>
{
    public Task Consume(ConsumeContext<ProductChanged> context)
    {
        catalog.Invalidate(context.Message.ProductId);
        return Task.CompletedTask;
    }
}
