namespace MicroShop.Orders.Data;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
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

    // An order takes a reservation outcome in one statement: moved only if it is in the status that takes outcomes,
    // with its timeline entry, atomically (a statement is its own transaction) and in one round trip, where loading the
    // order and saving it took three (the read, then the writes in a transaction of their own, then COMMIT). The row
    // lock orders it with a concurrent change of the order: if that one commits first, the status no longer matches
    // and nothing is taken. Returns the entry made, or null when the order is not there or not pending.
    public async Task<OrderStatusChange?> TakeAsync(Guid orderId, ReservationOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var from = ReservationOutcome.TakenIn.ToName();
        var to = outcome.Status.ToName();
        var cause = OrderChangeCause.ReservationOutcome.ToName();
        // The entry is read off the row as moved, so each value is sent once.
        var since = await Database.SqlQuery<DateTimeOffset>($"""
            WITH taking AS (
                SELECT id, status, updated_at FROM orders WHERE id = {orderId} AND status = {from} FOR UPDATE
            ), moved AS (
                UPDATE orders SET status = {to}, updated_at = {now}, failure_reason = {outcome.Reason}
                FROM taking WHERE orders.id = taking.id
                RETURNING orders.id, taking.status AS previous_status, orders.status, orders.updated_at, orders.failure_reason,
                    taking.updated_at AS since
            ), entry AS (
                INSERT INTO order_status_changes (order_id, previous_status, status, at, cause, reason)
                SELECT id, previous_status, status, updated_at, {cause}, failure_reason FROM moved
            )
            SELECT since AS "Value" FROM moved
            """).ToListAsync(cancellationToken);
        return since.Count == 0 ? null : outcome.ChangeAt(since[0], now);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OrderStatusChangeEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
    }
}
