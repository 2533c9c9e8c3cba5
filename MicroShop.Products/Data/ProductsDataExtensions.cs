namespace MicroShop.Products.Data;

public static class ProductsDataExtensions
{
    public const string ConnectionName = "productsdb";

    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    // Every write of Products (stock, reservations, indexes) is acknowledged only once it is journaled, by a majority
    // of the members where there is a replica set. The order saga acts on these acknowledgements: a stock take or a
    // reservation status that a crash or a failover took back would sell units twice or lose them.
    // - majority, not w:1: on a replica set only a majority-acknowledged write survives the loss of the primary (a
    //   w:1 write can be rolled back after a failover). On a standalone mongod "majority" is accepted and means the
    //   one server, so the same setting works on both.
    // - j:true: the write is in the on-disk journal (of every member of that majority) before the acknowledgement,
    //   whatever writeConcernMajorityJournalDefault says; a standalone's default (j unset) acknowledges before its
    //   next journal flush, up to 100 ms later, so a crash could lose acknowledged writes.
    // - no wtimeout: when it expires the write stays applied but is reported failed; each call's cancellation token
    //   bounds the wait instead.
    // Set on the database, so every collection and write inherits it; reads are unaffected.
    public static readonly WriteConcern DurableWriteConcern = WriteConcern.WMajority.With(journal: true);

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
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<IMongoClient>().GetDatabase(databaseName).WithWriteConcern(DurableWriteConcern));
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
