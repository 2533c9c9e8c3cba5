namespace MicroShop.AppHost.Infrastructure;

// A server installed on this machine, run by the AppHost through a script in eng/local.
public sealed class LocalServerResource(string name, string script, string workingDirectory, string connectionString)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public string Script { get; } = script;

    public ReferenceExpression ConnectionStringExpression { get; } = ReferenceExpression.Create($"{connectionString}");
}
