using System.Threading.Channels;

namespace MicroShop.Products.Messaging;

// Every order takes stock and every cancel gives it back: announcing each change alone cost a publish, a route
// through the broker and a consume in every Gateway per order. Changes are gathered for a short window instead and
// announced as one message naming every product changed in it, so a cached copy may be stale for one window longer.
public sealed class StockChangeAnnouncer(CatalogChanges changes, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private readonly Channel<string> changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    // Returns at once: the change is announced at the end of the current window.
    public void Announce(IEnumerable<string> productIds)
    {
        foreach (var id in productIds)
        {
            changed.Writer.TryWrite(id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Waits without a timer while nothing changes, so an idle service does not wake up for it.
            while (await changed.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Window, time, stoppingToken);
                await AnnounceGatheredAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what the last window gathered is still announced below.
        }

        await AnnounceGatheredAsync(CancellationToken.None);
    }

    private Task AnnounceGatheredAsync(CancellationToken cancellationToken)
    {
        var productIds = new HashSet<string>(StringComparer.Ordinal);
        while (changed.Reader.TryRead(out var id))
        {
            productIds.Add(id);
        }

        return productIds.Count == 0 ? Task.CompletedTask : changes.AnnounceStockAsync([.. productIds], cancellationToken);
    }
}
