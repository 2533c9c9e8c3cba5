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
        message.Property(m => m.ParkedAt).HasColumnName("parked_at");

        message.HasIndex(m => m.MessageId).HasDatabaseName("ix_outbox_messages_message_id").IsUnique();

        // The relay reads only what is still to be published, in id order: the index stays as small as the backlog, and
        // parked rows, which would sit at its head (the oldest ids), are not in it for every batch to step over.
        message.HasIndex(m => m.Id, "ix_outbox_messages_unpublished").HasFilter("published_at IS NULL AND parked_at IS NULL");

        // The admin's list of parked rows and their count: a handful of rows, normally none.
        message.HasIndex(m => m.Id, "ix_outbox_messages_parked").HasFilter("parked_at IS NOT NULL");
    }
}
