namespace MicroShop.AppHost.Infrastructure;

// The official mongo image (Aspire.Hosting.MongoDB is not available to this project).
public sealed class MongoDBContainerResource(string name, string databaseName)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string Image = "library/mongo";
    public const string Tag = "8.0";
    public const string EndpointName = "tcp";
    public const int Port = 27017;

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var endpoint = this.GetEndpoint(EndpointName);
            return ReferenceExpression.Create(
                $"mongodb://{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}/{databaseName}");
        }
    }
}
