using Npgsql;
using NpgsqlTypes;

namespace MicroShop.Orders.Data;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    // A new order, its lines, its first timeline entry and its OrderCreated: one statement, so stored together or not at
    // all. The lines go as arrays, so the text is the same for every order and stays prepared; the entry is read off
    // the row as placed, as the outcome's is off the row as moved.
    private const string PlaceStatement = """
        WITH placed AS (
            INSERT INTO orders (id, user_id, idempotency_key, total, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            RETURNING id, status, created_at
        ), lines AS (
            INSERT INTO order_items (order_id, product_id, quantity, unit_price)
            SELECT $1, line.product_id, line.quantity, line.unit_price
            FROM unnest($7::text[], $8::integer[], $9::numeric[]) AS line (product_id, quantity, unit_price)
        ), entry AS (
            INSERT INTO order_status_changes (order_id, status, at, cause)
            SELECT id, status, created_at, $10 FROM placed
        )
        INSERT INTO outbox_messages (message_id, message_type, payload, traceparent, created_at, attempts)
        VALUES ($11, $12, $13, $14, $15, 0)
        """;

    // Moves the order only if it is in the status that takes outcomes; the entry is read off the row as moved.
    private const string TakeStatement = """
        WITH taking AS (
            SELECT id, status, updated_at FROM orders WHERE id = $1 AND status = $2 FOR UPDATE
        ), moved AS (
            UPDATE orders SET status = $3, updated_at = $4, failure_reason = $5
            FROM taking WHERE orders.id = taking.id
            RETURNING orders.id, taking.status AS previous_status, orders.status, orders.updated_at, orders.failure_reason,
                taking.updated_at AS since
        ), entry AS (
            INSERT INTO order_status_changes (order_id, previous_status, status, at, cause, reason)
            SELECT id, previous_status, status, updated_at, $6, failure_reason FROM moved
        )
        SELECT since FROM moved
        """;

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();

    // The rows the relay set aside, through the partial index of parked rows.
    public IQueryable<OutboxMessage> ParkedOutboxMessages => OutboxMessages.Where(message => message.ParkedAt != null);

    // An order's status changes, oldest first, through the table's primary key (order_id, id).
    public IQueryable<OrderStatusChange> Timeline(Guid orderId) =>
        OrderStatusChanges
            .Where(change => EF.Property<Guid>(change, "OrderId") == orderId)
            .OrderBy(change => change.At)
            .ThenBy(change => EF.Property<long>(change, "Id"));

    // Stores a newly placed order with the message that announces it, in one round trip. A collision on the order's
    // idempotency key fails it with PostgreSQL's unique violation, and nothing is stored.
    public Task PlaceAsync(Order order, OutboxMessage created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(created);
        // A placement has no previous status and no reason: the entry is the order's status and time, and its cause.
        var placement = order.Changes.Single();
        return RunAsync(PlaceStatement, parameters =>
        {
            parameters.Add(Value(order.Id));
            parameters.Add(Text(order.UserId));
            parameters.Add(Text(order.IdempotencyKey));
            parameters.Add(Value(order.Total));
            parameters.Add(Text(order.Status.ToName()));
            parameters.Add(Value(order.CreatedAt));
            parameters.Add(Value(order.Items.Select(item => item.ProductId).ToArray()));
            parameters.Add(Value(order.Items.Select(item => item.Quantity).ToArray()));
            parameters.Add(Value(order.Items.Select(item => item.UnitPrice).ToArray()));
            parameters.Add(Text(placement.Cause.ToName()));
            parameters.Add(Value(created.MessageId));
            parameters.Add(Text(created.MessageType));
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = created.Payload });
            parameters.Add(Text(created.TraceParent));
            parameters.Add(Value(created.CreatedAt));
        }, cancellationToken);
    }

    // An order takes a reservation outcome in one statement: moved only if it is in the status that takes outcomes,
    // with its timeline entry, atomically (a statement is its own transaction) and in one round trip, where loading the
    // order and saving it took three (the read, then the writes in a transaction of their own, then COMMIT). The row
    // lock orders it with a concurrent change of the order: if that one commits first, the status no longer matches
    // and nothing is taken. Returns the entry made, or null when the order is not there or not pending.
    public async Task<OrderStatusChange?> TakeAsync(Guid orderId, ReservationOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var since = await RunAsync(TakeStatement, parameters =>
        {
            parameters.Add(Value(orderId));
            parameters.Add(Text(ReservationOutcome.TakenIn.ToName()));
            parameters.Add(Text(outcome.Status.ToName()));
            parameters.Add(Value(now));
            parameters.Add(Text(outcome.Reason));
            parameters.Add(Text(OrderChangeCause.ReservationOutcome.ToName()));
        }, cancellationToken) as DateTime?;
        return since is { } pendingSince ? outcome.ChangeAt(new DateTimeOffset(pendingSince, TimeSpan.Zero), now) : null;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OrderStatusChangeEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
    }

    // The statements every order runs go to Npgsql directly, on the context's connection and through its retrying
    // execution strategy: EF Core's query compilation and change tracking had cost more CPU than the statements themselves
    // (bench/JOURNAL.md, item 34). Returns the first column of the first row, if the statement returns any.
    private Task<object?> RunAsync(string statement, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = new NpgsqlCommand(statement, (NpgsqlConnection)Database.GetDbConnection());
                bind(command.Parameters);
                return await command.ExecuteScalarAsync(ct);
            }
            finally
            {
                await Database.CloseConnectionAsync();
            }
        }, cancellationToken);

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
