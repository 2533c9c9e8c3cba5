namespace MicroShop.Gateway.Orders;

// The request feature OrderAdmissionMiddleware sets on an order it let through: its place among the orders the gate
// admitted, which the endpoint hands back with Orders' headroom.
public sealed record AdmittedOrder(long Place);
