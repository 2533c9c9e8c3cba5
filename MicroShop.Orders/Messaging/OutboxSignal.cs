using System.Threading.Channels;

namespace MicroShop.Orders.Messaging;

// Wakes the outbox relay as soon as a transaction that wrote to the outbox has committed, instead of at its next poll.
// One pending wake-up is enough however many commits happen meanwhile: the relay reads everything unpublished.
public sealed class OutboxSignal
{
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => wakeUps.Writer.TryWrite(true);

    // Returns when notified (true) or when the poll interval has passed (false), whichever comes first.
    public async Task<bool> WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(pollInterval);
        try
        {
            await wakeUps.Reader.ReadAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look for rows a crash or a broker outage left behind.
            return false;
        }
    }
}
