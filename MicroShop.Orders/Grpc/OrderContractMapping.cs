using Google.Protobuf.WellKnownTypes;
using Contract = MicroShop.Contracts.Orders.V1;

namespace MicroShop.Orders.Grpc;

public static class OrderContractMapping
{
    public static Contract.Order ToContract(this Order order)
    {
        var contract = new Contract.Order
        {
            Id = order.Id.ToString(),
            UserId = order.UserId,
            Total = DecimalValue.FromDecimal(order.Total),
            Status = order.Status.ToContract(),
            CreatedAt = Timestamp.FromDateTimeOffset(order.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(order.UpdatedAt),
        };
        contract.Items.AddRange(order.Items.Select(item => new Contract.OrderItem
        {
            ProductId = item.ProductId,
            Quantity = item.Quantity,
            UnitPrice = DecimalValue.FromDecimal(item.UnitPrice),
        }));
        if (order.FailureReason is not null)
        {
            contract.FailureReason = order.FailureReason;
        }

        return contract;
    }

    public static Contract.OrderStatusChange ToContract(this OrderStatusChange change)
    {
        var contract = new Contract.OrderStatusChange
        {
            Status = change.Status.ToContract(),
            PreviousStatus = change.PreviousStatus?.ToContract() ?? Contract.OrderStatus.Unspecified,
            At = Timestamp.FromDateTimeOffset(change.At),
            Cause = change.Cause switch
            {
                OrderChangeCause.Client => Contract.OrderChangeCause.Client,
                OrderChangeCause.ReservationOutcome => Contract.OrderChangeCause.ReservationOutcome,
                OrderChangeCause.ReservationExpiry => Contract.OrderChangeCause.ReservationExpiry,
                _ => throw new ArgumentOutOfRangeException(nameof(change), change.Cause, null),
            },
        };
        if (change.Reason is not null)
        {
            contract.Reason = change.Reason;
        }

        return contract;
    }

    public static Contract.OrderStatus ToContract(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => Contract.OrderStatus.Pending,
        OrderStatus.ProductReserved => Contract.OrderStatus.ProductReserved,
        OrderStatus.Confirmed => Contract.OrderStatus.Confirmed,
        OrderStatus.Failed => Contract.OrderStatus.Failed,
        OrderStatus.Completed => Contract.OrderStatus.Completed,
        OrderStatus.Cancelled => Contract.OrderStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    // Undefined values are rejected by validation first; UNSPECIFIED means "any" and is no status.
    public static OrderStatus? ToDomain(this Contract.OrderStatus status) => status switch
    {
        Contract.OrderStatus.Pending => OrderStatus.Pending,
        Contract.OrderStatus.ProductReserved => OrderStatus.ProductReserved,
        Contract.OrderStatus.Confirmed => OrderStatus.Confirmed,
        Contract.OrderStatus.Failed => OrderStatus.Failed,
        Contract.OrderStatus.Completed => OrderStatus.Completed,
        Contract.OrderStatus.Cancelled => OrderStatus.Cancelled,
        _ => null,
    };
}
