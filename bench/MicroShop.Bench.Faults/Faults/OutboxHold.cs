using Npgsql;

namespace MicroShop.Bench.Faults;

// Committed, unpublished outbox rows kept from the relay for a moment by holding their row locks (the relay skips
// locked rows): an Orders instance killed meanwhile dies with them certainly committed and not relayed. Without it,
// the relay publishes a row within milliseconds of its commit, faster than a kill can be aimed.
public sealed class OutboxHold(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] rows) : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    public long[] Rows => rows;

    public static async Task<OutboxHold> TakeAsync(NpgsqlDataSource orders, CancellationToken cancellationToken)
    {
        while (true)
        {
            var connection = await orders.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand(
                "SELECT id FROM outbox_messages WHERE published_at IS NULL AND parked_at IS NULL FOR UPDATE SKIP LOCKED",
                connection,
                transaction))
            {
                var rows = new List<long>();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add(reader.GetInt64(0));
                    }
                }

                if (rows.Count > 0)
                {
                    return new OutboxHold(connection, transaction, [.. rows]);
                }
            }

            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            await Task.Delay(Poll, cancellationToken);
        }
    }

    // Lets the relay have them.
    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
