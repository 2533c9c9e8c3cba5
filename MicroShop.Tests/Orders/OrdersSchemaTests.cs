using MicroShop.Tests.Infrastructure;
using Npgsql;

namespace MicroShop.Tests.Orders;

// The orders schema is built by the committed EF Core migrations, applied before the service reported healthy.
[Collection(DistributedAppCollection.Name)]
public sealed class OrdersSchemaTests(DistributedAppFixture fixture) : IDisposable
{
    private readonly OrdersDriver orders = new(fixture);

    [Fact]
    public async Task Every_committed_migration_is_applied_and_listed_in_the_history()
    {
        var committed = Directory.GetFiles(Path.Combine(RepositoryRoot(), "MicroShop.Orders", "Data", "Migrations"), "*.cs")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.EndsWith(".Designer", StringComparison.Ordinal) && !name.EndsWith("ModelSnapshot", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var applied = await QueryAsync("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """);

        Assert.NotEmpty(committed);
        Assert.Equal(committed, applied);
    }

    [Fact]
    public async Task The_list_queries_and_the_idempotency_key_have_their_indexes()
    {
        var indexes = await QueryAsync("SELECT indexdef FROM pg_indexes WHERE tablename = 'orders'");

        Assert.Contains(indexes, index => index.Contains("(user_id, created_at)", StringComparison.Ordinal));
        Assert.Contains(indexes, index => index.Contains("(status, created_at)", StringComparison.Ordinal));
        Assert.Contains(indexes, index =>
            index.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal)
            && index.Contains("(user_id, idempotency_key)", StringComparison.Ordinal));
    }

    [Fact]
    public void No_code_of_the_Orders_service_creates_the_schema_outside_migrations()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "MicroShop.Orders"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        Assert.DoesNotContain(sources, path => File.ReadAllText(path).Contains("EnsureCreated", StringComparison.Ordinal));
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = await orders.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroShop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    public void Dispose() => orders.Dispose();
}
