namespace MicroShop.AppHost.Infrastructure;

public static class Secrets
{
    // A server's password as a secret parameter: given in configuration (`Parameters:<name>`), or generated. Letters
    // and digits only, so the value needs no escaping in a URI or a connection string. Persisted to the AppHost's user
    // secrets where a data volume outlives the run (containers) and must keep meeting the same password.
    public static IResourceBuilder<ParameterResource> AddPassword(this IDistributedApplicationBuilder builder, string name, bool persist) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: persist);
}
