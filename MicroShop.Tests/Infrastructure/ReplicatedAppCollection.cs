namespace MicroShop.Tests.Infrastructure;

// Not in parallel with the other collections: its fault run kills and restarts instances under load, and on two cores
// the timing of that should not depend on what the other two applications' tests are doing at the same moment.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReplicatedAppCollection : ICollectionFixture<ReplicatedAppFixture>
{
    public const string Name = "Distributed application with two instances of Products and of Orders";
}
