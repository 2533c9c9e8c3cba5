namespace MicroShop.Products.Data;

public static class ProductsDataExtensions
{
    public const string ConnectionName = "productsdb";

    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    // The products database from ConnectionStrings:productsdb (mongodb://host:port/products).
    public static IHostApplicationBuilder AddProductsData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        var url = MongoUrl.Create(connectionString);
        var databaseName = url.DatabaseName
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} names no database.");

        ProductClassMap.Register();
        ReservationClassMap.Register();

        // One client for the whole process: it owns the connection pool.
        builder.Services.AddSingleton<IMongoClient>(_ => new MongoClient(url));
        builder.Services.AddSingleton(services => services.GetRequiredService<IMongoClient>().GetDatabase(databaseName));
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<IMongoDatabase>().GetCollection<Product>(ProductRepository.CollectionName));
        builder.Services.AddSingleton<ProductRepository>();
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<IMongoDatabase>().GetCollection<Reservation>(ReservationRepository.CollectionName));
        builder.Services.AddSingleton<ReservationRepository>();
        builder.Services.AddSingleton<OrderStock>();
        builder.Services.AddHostedService<ProductIndexes>();

        builder.Services.AddHealthChecks()
            .AddCheck<MongoPingHealthCheck>("mongodb", timeout: HealthCheckTimeout);

        return builder;
    }
}
