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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OrderStatusChangeEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
    }
}
