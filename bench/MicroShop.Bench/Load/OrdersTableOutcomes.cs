using Npgsql;

namespace MicroShop.Bench.Load;

// Reads the outcome straight from the orders table: one indexed query per tick for every pending order,
// so measuring adds next to no load to the system being measured. updated_at is the time Orders applied it.
public sealed class OrdersTableOutcomes(NpgsqlDataSource database) : IOutcomeSource
{
    private const string UndefinedTable = "42P01";

    private const string Query = """
        SELECT id, status, updated_at FROM orders
        WHERE id = ANY(@ids) AND status <> 'PENDING'
        """;

    public async Task<IReadOnlyList<OrderState>> ReadSettledAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand(Query);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var settled = new List<OrderState>();
            while (await reader.ReadAsync(cancellationToken))
            {
                settled.Add(new OrderState(
                    reader.GetGuid(0).ToString(),
                    reader.GetString(1),
                    new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero)));
            }

            return settled;
        }
        catch (PostgresException exception) when (exception.SqlState == UndefinedTable)
        {
            // Orders has not created its schema (not deployed yet): nothing can settle.
            return [];
        }
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
