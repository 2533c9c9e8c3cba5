namespace MicroShop.Bench.Faults;

public enum RequestKind
{
    PlaceOrder,
    ReadProduct,
}
