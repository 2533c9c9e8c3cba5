namespace MicroShop.Products.Messaging;

// An order's lines, as OrderCreated and OrderCancelled carry them, in the terms of a reservation.
public static class OrderLineMapping
{
    public static IReadOnlyList<ReservationLine> ToReservationLines(this IReadOnlyList<OrderLine>? items) =>
        [.. (items ?? []).Select(item => new ReservationLine(item.ProductId, item.Quantity, item.UnitPrice))];
}
