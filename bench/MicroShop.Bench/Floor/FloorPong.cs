namespace MicroShop.Bench.Floor;

public sealed record FloorPong(Guid Id);
