namespace MicroShop.Bench.Reporting;

// One floor's part of the composite ceiling. MsPerOrder: the floor's time for one order's Count operations;
// Share: that time's part of the whole, so the largest share is the floor that bounds the ceiling most.
public sealed record CeilingTerm(string Floor, double Count, double FloorPerSecond, double MsPerOrder, double Share);
