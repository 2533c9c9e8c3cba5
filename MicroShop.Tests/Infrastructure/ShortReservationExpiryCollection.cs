namespace MicroShop.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ShortReservationExpiryCollection : ICollectionFixture<ShortReservationExpiryFixture>
{
    public const string Name = "Distributed application with a short reservation expiry";
}
