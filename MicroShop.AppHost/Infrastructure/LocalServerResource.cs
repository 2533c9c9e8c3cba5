namespace MicroShop.AppHost.Infrastructure;

// A server installed on this machine, run by the AppHost through a script in eng/local.
public sealed class LocalServerResource(string name, string workingDirectory, ReferenceExpression connectionString)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression { get; } = connectionString;
}
