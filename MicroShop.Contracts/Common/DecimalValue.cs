namespace MicroShop.Contracts.Common.V1;

// Exact conversions between the wire's units + nanos and System.Decimal, so no service does the arithmetic twice.
public sealed partial class DecimalValue
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    public static DecimalValue FromDecimal(decimal value)
    {
        var units = decimal.Truncate(value);
        return new DecimalValue
        {
            Units = (long)units,
            Nanos = (int)decimal.Round((value - units) * NanosPerUnit),
        };
    }

    public decimal ToDecimal() => Units + (Nanos / NanosPerUnit);
}
