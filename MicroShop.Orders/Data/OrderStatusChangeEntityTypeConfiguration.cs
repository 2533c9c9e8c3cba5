using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MicroShop.Orders.Data;

public sealed class OrderStatusChangeEntityTypeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    // Statuses and causes are stored as the API spells them, so the table reads on its own.
    public static readonly ValueConverter<OrderStatus, string> StatusConverter =
        new(status => status.ToName(), name => OrderStatusNames.Parse(name));

    public const int NameMaxLength = 32;

    public void Configure(EntityTypeBuilder<OrderStatusChange> change)
    {
        change.ToTable("order_status_changes");
        change.Property<Guid>("OrderId").HasColumnName("order_id");
        change.Property<long>("Id").HasColumnName("id").UseIdentityAlwaysColumn();

        // The key is also the index that reads one order's timeline. Not (order_id, status), though an order reaches
        // each status once: of two concurrent changes to the same status (a client's cancellation and the expiry's),
        // the loser must lose on the order's xmin (ABORTED, or the consumer's retry) as before, not on a duplicate key.
        change.HasKey("OrderId", "Id");
        change.Property(c => c.Status).HasColumnName("status").HasMaxLength(NameMaxLength).HasConversion(StatusConverter);
        change.Property(c => c.PreviousStatus).HasColumnName("previous_status").HasMaxLength(NameMaxLength).HasConversion(StatusConverter);
        change.Property(c => c.At).HasColumnName("at");
        change.Property(c => c.Cause)
            .HasColumnName("cause")
            .HasMaxLength(NameMaxLength)
            .HasConversion(cause => cause.ToName(), name => OrderChangeCauseNames.Parse(name));
        change.Property(c => c.Reason).HasColumnName("reason").HasMaxLength(Order.FailureReasonMaxLength);
        change.Ignore(c => c.Elapsed);
    }
}
