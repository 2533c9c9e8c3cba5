namespace MicroShop.Orders.Scheduling;

// A periodic scan done in batches: each round takes batches until one comes back short of a full batch.
public abstract class BatchedScan(TimeProvider timeProvider) : PeriodicScan(timeProvider)
{
    protected abstract int BatchSize { get; }

    // Returns how many items the batch took.
    protected abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    protected sealed override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        while (await RunBatchAsync(cancellationToken) == BatchSize)
        {
            // A full batch: there may be more.
        }
    }
}
