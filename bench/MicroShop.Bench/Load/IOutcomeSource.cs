namespace MicroShop.Bench.Load;

public interface IOutcomeSource : IAsyncDisposable
{
    // The orders among ids that have left PENDING.
    Task<IReadOnlyList<OrderState>> ReadSettledAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken);
}
