namespace MicroShop.Tests.Infrastructure;

// A third application with two instances of Products and two of Orders behind their proxies.
public sealed class ReplicatedAppFixture : DistributedAppFixture
{
    public const int Replicas = 2;

    protected override string[] AppHostArguments => ["--replicas", Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}
