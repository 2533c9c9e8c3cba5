namespace MicroShop.AppHost.Infrastructure;

public static class LocalServerResourceBuilderExtensions
{
    // A second port of a local server (RabbitMQ's management UI), shown in the dashboard and handed to the script.
    public static IResourceBuilder<LocalServerResource> WithLocalEndpoint(
        this IResourceBuilder<LocalServerResource> builder, string name, string environmentVariable, string scheme)
    {
        var port = FreeTcpPort.Find();
        return builder.WithEndpoint(port: port, targetPort: port, name: name, scheme: scheme, env: environmentVariable, isProxied: false);
    }
}
