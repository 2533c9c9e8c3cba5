using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroShop.Orders.Data;

public sealed class OrderEntityTypeConfiguration : IEntityTypeConfiguration<Order>
{
    private const string MoneyType = "numeric(18,2)";

    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        order.Property(o => o.UserId).HasColumnName("user_id").HasMaxLength(Order.UserIdMaxLength).IsRequired();
        order.Property(o => o.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(Order.IdempotencyKeyMaxLength);
        order.Property(o => o.Total).HasColumnName("total").HasColumnType(MoneyType);
        order.Property(o => o.Status)
            .HasColumnName("status")
            .HasMaxLength(OrderStatusChangeEntityTypeConfiguration.NameMaxLength)
            .HasConversion(OrderStatusChangeEntityTypeConfiguration.StatusConverter);
        order.Property(o => o.FailureReason).HasColumnName("failure_reason").HasMaxLength(Order.FailureReasonMaxLength);
        order.Property(o => o.CreatedAt).HasColumnName("created_at");
        order.Property(o => o.UpdatedAt).HasColumnName("updated_at");

        // PostgreSQL's xmin changes with every write of the row: a transition that read an older one loses (ABORTED).
        order.Property<uint>("Version").HasColumnName("xmin").IsRowVersion();

        order.HasIndex(o => new { o.UserId, o.CreatedAt }).HasDatabaseName("ix_orders_user_id_created_at");
        order.HasIndex(o => new { o.Status, o.CreatedAt }).HasDatabaseName("ix_orders_status_created_at");
        order.HasIndex(o => o.CreatedAt).HasDatabaseName("ix_orders_created_at");

        // The reservation expiry looks for orders that have been PRODUCT_RESERVED since before a point in time.
        order.HasIndex(o => new { o.Status, o.UpdatedAt }).HasDatabaseName("ix_orders_status_updated_at");
        order.HasIndex(o => new { o.UserId, o.IdempotencyKey })
            .HasDatabaseName("ix_orders_user_id_idempotency_key")
            .IsUnique()
            .HasFilter("idempotency_key IS NOT NULL");

        order.OwnsMany(o => o.Items, item =>
        {
            item.ToTable("order_items");
            item.WithOwner().HasForeignKey("OrderId");
            item.Property<Guid>("OrderId").HasColumnName("order_id");
            item.Property<int>("Id").HasColumnName("id");
            item.HasKey("Id");
            item.Property(i => i.ProductId).HasColumnName("product_id").HasMaxLength(OrderItem.ProductIdLength).IsRequired();
            item.Property(i => i.Quantity).HasColumnName("quantity");
            item.Property(i => i.UnitPrice).HasColumnName("unit_price").HasColumnType(MoneyType);
            item.Ignore(i => i.LineTotal);
            item.HasIndex("OrderId").HasDatabaseName("ix_order_items_order_id");
        });
        order.Navigation(o => o.Items).HasField("items").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Not owned: an owned collection would be read with every order (joined with its items). The timeline is read
        // on its own, and an order's new changes are inserted with it.
        order.HasMany(o => o.Changes).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        order.Navigation(o => o.Changes).HasField("changes").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
