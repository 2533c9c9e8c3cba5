namespace MicroShop.Products.Data;

// What taking one line of an order did: took its units now, found the order holding them already (a redelivery, a
// concurrent handler of the same order), or could not take them, and why.
public readonly record struct LineTake(bool TakenNow, string? Refusal)
{
    public static LineTake Taken { get; } = new(true, null);

    public static LineTake Held { get; } = new(false, null);

    public static LineTake Refused(string refusal) => new(false, refusal);
}
