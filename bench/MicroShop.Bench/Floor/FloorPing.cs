namespace MicroShop.Bench.Floor;

// Answered with a FloorPong when Reply is set (the saga's two-service round trip), consumed silently otherwise.
public sealed record FloorPing(Guid Id, bool Reply);
