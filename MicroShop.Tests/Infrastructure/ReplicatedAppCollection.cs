namespace MicroShop.Tests.Infrastructure;

// Not in parallel with the other collections: the AppHost's orchestrator (DCP) has been seen to hang creating replicas
// while two other applications start and run beside it on two cores; alone, after them, it has started in every run.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReplicatedAppCollection : ICollectionFixture<ReplicatedAppFixture>
{
    public const string Name = "Distributed application with two instances of Products and of Orders";
}
