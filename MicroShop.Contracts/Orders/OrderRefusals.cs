namespace MicroShop.Contracts.Orders.V1;

// The google.rpc.ErrorInfo that Orders attaches to its refusals, so that a caller can tell them from other failures.
public static class OrderRefusals
{
    public const string Domain = "orders.microshop";

    // CreateOrder is UNAVAILABLE, with RetryInfo, while the saga holds as many pending orders as it may.
    public const string BacklogFull = "ORDER_BACKLOG_FULL";

    // With every order it takes, Orders tells its caller in this trailer how many more it would take at that moment (a
    // decimal integer, 0 or less when full), so that the caller can refuse the excess itself at once instead of passing
    // it on to be refused.
    public const string HeadroomTrailer = "microshop-order-headroom";

    // What the client is told, by Orders and by the Gateway when it refuses on Orders' behalf.
    public const string BacklogFullMessage = "Orders are arriving faster than they can be reserved. Try again shortly.";
}
