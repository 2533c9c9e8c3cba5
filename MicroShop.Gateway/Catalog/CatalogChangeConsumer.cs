using MassTransit;
using MicroShop.Contracts.Messages;

namespace MicroShop.Gateway.Catalog;

// A product was replaced, deleted or its stock changed: the next read of it on this instance goes past the cache.
public sealed class CatalogChangeConsumer(ProductCache products) : IConsumer<ProductChanged>, IConsumer<ProductStockChanged>
{
    public Task Consume(ConsumeContext<ProductChanged> context) =>
        products.InvalidateAsync([context.Message.ProductId], context.CancellationToken);

    public Task Consume(ConsumeContext<ProductStockChanged> context) =>
        products.InvalidateAsync(context.Message.ProductIds, context.CancellationToken);
}
