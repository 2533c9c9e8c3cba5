namespace MicroShop.Tests.Infrastructure;

// Every test class in this collection shares one running distributed application.
[CollectionDefinition(Name)]
public sealed class DistributedAppCollection : ICollectionFixture<DistributedAppFixture>
{
    public const string Name = "Distributed application";
}
