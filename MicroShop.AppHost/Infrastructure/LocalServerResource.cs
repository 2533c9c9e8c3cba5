namespace MicroShop.AppHost.Infrastructure;

// A server installed on this machine, run by the AppHost through a script in eng/local.
public sealed class LocalServerResource(string name, string workingDirectory, string connectionString)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression { get; } = ReferenceExpression.Create($"{connectionString}");
}
