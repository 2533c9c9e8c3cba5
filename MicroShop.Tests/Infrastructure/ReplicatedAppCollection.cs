namespace MicroShop.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ReplicatedAppCollection : ICollectionFixture<ReplicatedAppFixture>
{
    public const string Name = "Distributed application with two instances of Products and of Orders";
}
