using MassTransit;

namespace MicroShop.Products.Messaging;

// Tells every service that keeps a copy of a product (Orders' catalog cache, the Gateway's product cache) that the
// product changed. The change is stored by then: a publish that fails is logged, not reported to the client or the
// saga, and the copies expire on their own.
public sealed partial class CatalogChanges(IBus bus, ILogger<CatalogChanges> logger)
{
    // A broker that does not answer must not hold up the client's write for long.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);

    // A replace or a delete.
    public Task AnnounceAsync(string productId, CancellationToken cancellationToken) =>
        PublishAsync(new ProductChanged(productId), productId, cancellationToken);

    // A change of quantity (and so of version) only.
    public Task AnnounceStockAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken) =>
        PublishAsync(new ProductStockChanged(productIds), string.Join(", ", productIds), cancellationToken);

    private async Task PublishAsync<TMessage>(TMessage message, string productIds, CancellationToken cancellationToken)
        where TMessage : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await bus.Publish(message, timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogAnnounceFailed(exception, productIds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {ProductIds} changed, but the change could not be announced; copies of it expire on their own")]
    private partial void LogAnnounceFailed(Exception exception, string productIds);
}
