namespace MicroShop.Tests.Infrastructure;

public sealed record HealthEntry(string Status, string? Description);
