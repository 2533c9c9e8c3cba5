using MicroShop.Contracts.Orders.V1;

namespace MicroShop.Gateway.Orders;

public static class OrderTimelineMapping
{
    public static OrderTimelineResponse ToResponse(this OrderTimeline timeline) =>
        new(timeline.OrderId, [.. timeline.Changes.Select(ToResponse)]);

    private static OrderStatusChangeResponse ToResponse(OrderStatusChange change) =>
        new(
            change.Status.ToName(),
            change.PreviousStatus == OrderStatus.Unspecified ? null : change.PreviousStatus.ToName(),
            change.At.ToDateTimeOffset(),
            ToName(change.Cause),
            change.HasReason ? change.Reason : null);

    // As the statuses, without the proto's prefix.
    private static string ToName(OrderChangeCause cause) => cause switch
    {
        OrderChangeCause.Client => "CLIENT",
        OrderChangeCause.ReservationOutcome => "RESERVATION_OUTCOME",
        OrderChangeCause.ReservationExpiry => "RESERVATION_EXPIRY",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
