namespace MicroShop.AppHost.Infrastructure;

// The official mongo image (Aspire.Hosting.MongoDB is not available to this project), with a root user: the image
// creates it on its first start from MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD.
public sealed class MongoDBContainerResource(string name, string databaseName, ParameterResource password)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string Image = "library/mongo";
    public const string Tag = "8.0";
    public const string EndpointName = "tcp";
    public const int Port = 27017;
    public const string UserName = "microshop";

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var endpoint = this.GetEndpoint(EndpointName);
            return ReferenceExpression.Create(
                $"mongodb://{UserName}:{Password}@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}/{databaseName}?authSource=admin");
        }
    }
}
