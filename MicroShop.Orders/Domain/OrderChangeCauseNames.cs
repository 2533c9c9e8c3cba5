namespace MicroShop.Orders.Domain;

// The one spelling of each cause outside the code: the database column and the API use it.
public static class OrderChangeCauseNames
{
    public static string ToName(this OrderChangeCause cause) => cause switch
    {
        OrderChangeCause.Client => "CLIENT",
        OrderChangeCause.ReservationOutcome => "RESERVATION_OUTCOME",
        OrderChangeCause.ReservationExpiry => "RESERVATION_EXPIRY",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    public static OrderChangeCause Parse(string name)
    {
        foreach (var cause in Enum.GetValues<OrderChangeCause>())
        {
            if (cause.ToName() == name)
            {
                return cause;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "Not an order change cause.");
    }
}
