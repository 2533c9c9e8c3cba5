using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroShop.Orders.Data;

public sealed class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Id).HasColumnName("id").UseSerialColumn();
        message.Property(m => m.MessageId).HasColumnName("message_id");
        message.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(OutboxMessage.MessageTypeMaxLength).IsRequired();
        message.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb").IsRequired();
        message.Property(m => m.TraceParent).HasColumnName("traceparent").HasMaxLength(55);
        message.Property(m => m.CreatedAt).HasColumnName("created_at");
        message.Property(m => m.PublishedAt).HasColumnName("published_at");
        message.Property(m => m.Attempts).HasColumnName("attempts");
        message.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(OutboxMessage.LastErrorMaxLength);

        message.HasIndex(m => m.MessageId).HasDatabaseName("ix_outbox_messages_message_id").IsUnique();

        // The relay reads only what is still to be published, in id order: the index stays as small as the backlog.
        message.HasIndex(m => m.Id).HasDatabaseName("ix_outbox_messages_unpublished").HasFilter("published_at IS NULL");
    }
}
