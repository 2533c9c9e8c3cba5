using MassTransit;

namespace MicroShop.Products.Messaging;

// Tells every service that keeps a copy of a product (Orders' catalog cache) that the product changed. The change is
// stored by then: a publish that fails is logged, not reported to the client, and the copies expire on their own.
public sealed partial class CatalogChanges(IPublishEndpoint publishEndpoint, ILogger<CatalogChanges> logger)
{
    // A broker that does not answer must not hold up the client's write for long.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);

    public async Task AnnounceAsync(string productId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await publishEndpoint.Publish(new ProductChanged(productId), timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogAnnounceFailed(exception, productId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {ProductId} changed, but the change could not be announced; copies of it expire on their own")]
    private partial void LogAnnounceFailed(Exception exception, string productId);
}
