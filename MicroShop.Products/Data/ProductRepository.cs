namespace MicroShop.Products.Data;

// The products collection. Every write is a single-document atomic operation: the server is standalone,
// so nothing here may rely on multi-document transactions.
public sealed class ProductRepository(IMongoCollection<Product> products)
{
    public const string CollectionName = "products";

    // The ids of the orders that currently hold stock of the product. Written only by the stock updates below,
    // never read into a Product, so it is neither returned by the catalog nor overwritten by a replace.
    public const string ReservedForField = "reservedFor";

    private static readonly FilterDefinitionBuilder<Product> Filter = Builders<Product>.Filter;
    private static readonly UpdateDefinitionBuilder<Product> Update = Builders<Product>.Update;

    private static readonly FindOneAndUpdateOptions<Product> ReturnUpdated = new() { ReturnDocument = ReturnDocument.After };

    // The saga's writes, one or more per order, are built from these, and so is every write's id filter; the catalog's
    // other conditions and updates, a few per product change, from lambdas.
    private readonly StoredField<Product, string> idField = new(products, product => product.Id);
    private readonly StoredField<Product, bool> activeField = new(products, product => product.IsActive);
    private readonly StoredField<Product, int> quantityField = new(products, product => product.Quantity);
    private readonly StoredField<Product, decimal> priceField = new(products, product => product.Price);
    private readonly StoredField<Product, long> versionField = new(products, product => product.Version);

    public async Task<Product> InsertAsync(ProductDetails details, CancellationToken cancellationToken)
    {
        var product = details.ToProduct(ObjectId.GenerateNewId().ToString(), version: 1);
        await products.InsertOneAsync(product, cancellationToken: cancellationToken);
        return product;
    }

    public async Task<Product?> FindAsync(ObjectId id, CancellationToken cancellationToken) =>
        await products.Find(ById(id)).FirstOrDefaultAsync(cancellationToken);

    public async Task<bool> ExistsAsync(ObjectId id, CancellationToken cancellationToken) =>
        await products.Find(ById(id)).Limit(1).CountDocumentsAsync(cancellationToken) > 0;

    public async Task<IReadOnlyList<Product>> FindManyAsync(IReadOnlyCollection<ObjectId> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? []
            : await products.Find(Filter.In(product => product.Id, ids.Select(id => id.ToString()))).ToListAsync(cancellationToken);

    public async Task<(IReadOnlyList<Product> Items, long TotalCount)> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var filter = Filter.Empty;
        if (!string.IsNullOrEmpty(query.Category))
        {
            filter &= Filter.Eq(product => product.Category, query.Category);
        }

        if (query.IsActive is { } isActive)
        {
            filter &= Filter.Eq(product => product.IsActive, isActive);
        }

        var totalCount = await products.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        if (query.Skip >= totalCount)
        {
            return ([], totalCount);
        }

        // Name order reads naturally; the id breaks ties so pages never overlap or skip.
        var items = await products.Find(filter)
            .Sort(Builders<Product>.Sort.Ascending(product => product.Name).Ascending(product => product.Id))
            .Skip((int)query.Skip)
            .Limit(query.PageSize)
            .ToListAsync(cancellationToken);
        return (items, totalCount);
    }

    // Null when no product has this id or, with an expected version, when it has another version.
    public async Task<Product?> ReplaceAsync(ObjectId id, ProductDetails details, long? expectedVersion, CancellationToken cancellationToken)
    {
        var filter = ById(id);
        if (expectedVersion is { } version)
        {
            filter &= Filter.Eq(product => product.Version, version);
        }

        // Only the fields a client writes are taken from here; the stored version is incremented instead.
        var replacement = details.ToProduct(id.ToString(), version: 0);
        var update = Update
            .Set(product => product.Name, replacement.Name)
            .Set(product => product.Description, replacement.Description)
            .Set(product => product.Price, replacement.Price)
            .Set(product => product.Quantity, replacement.Quantity)
            .Set(product => product.Category, replacement.Category)
            .Set(product => product.IsActive, replacement.IsActive)
            .Inc(product => product.Version, 1);
        return await products.FindOneAndUpdateAsync(filter, update, ReturnUpdated, cancellationToken);
    }

    public async Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken) =>
        (await products.DeleteOneAsync(ById(id), cancellationToken)).DeletedCount > 0;

    // The stock condition and the change are one conditional update, never a read then a write:
    // of many concurrent decrements, only those the stock covers can match.
    // Null when no product has this id or when its stock does not allow the adjustment.
    public async Task<Product?> AdjustStockAsync(ObjectId id, StockAdjustment adjustment, CancellationToken cancellationToken)
    {
        var filter = ById(id)
            & Filter.Gte(product => product.Quantity, adjustment.MinimumStockBefore)
            & Filter.Lte(product => product.Quantity, adjustment.MaximumStockBefore);
        var update = Update
            .Inc(product => product.Quantity, adjustment.Delta)
            .Inc(product => product.Version, 1);
        return await products.FindOneAndUpdateAsync(filter, update, ReturnUpdated, cancellationToken);
    }

    // Takes an order's units in one conditional update: an active product with the stock, not yet holding
    // anything for this order. Of any number of handlers of the same order, at most one can take it.
    // False when the product does not qualify or already holds the order's units.
    public async Task<bool> TakeForOrderAsync(ObjectId id, string orderId, int quantity, decimal? price, CancellationToken cancellationToken)
    {
        var filter = new BsonDocument
        {
            IdIs(id),
            activeField.Is(true),
            quantityField.Where("$gte", quantity),
            { ReservedForField, new BsonDocument("$ne", orderId) },
        };
        if (price is { } unitPrice)
        {
            filter.Add(priceField.Is(unitPrice));
        }

        var update = new BsonDocument
        {
            { "$inc", new BsonDocument { quantityField.Is(-quantity), versionField.Is(1) } },
            { "$push", new BsonDocument(ReservedForField, orderId) },
        };
        return (await products.UpdateOneAsync(filter, update, cancellationToken: cancellationToken)).MatchedCount == 1;
    }

    // Gives an order's units back in one conditional update, only if the product holds them: releasing twice,
    // or releasing what was never taken, changes nothing.
    public async Task<bool> ReleaseForOrderAsync(ObjectId id, string orderId, int quantity, CancellationToken cancellationToken)
    {
        var update = new BsonDocument
        {
            { "$inc", new BsonDocument { quantityField.Is(quantity), versionField.Is(1) } },
            { "$pull", new BsonDocument(ReservedForField, orderId) },
        };
        return (await products.UpdateOneAsync(HeldFor(id, orderId), update, cancellationToken: cancellationToken)).MatchedCount == 1;
    }

    // Stops keeping an order on the product without changing its stock: its units are sold for good.
    public async Task<bool> SettleForOrderAsync(ObjectId id, string orderId, CancellationToken cancellationToken) =>
        (await products.UpdateOneAsync(HeldFor(id, orderId), new BsonDocument("$pull", new BsonDocument(ReservedForField, orderId)),
            cancellationToken: cancellationToken)).MatchedCount == 1;

    public async Task<bool> HoldsForOrderAsync(ObjectId id, string orderId, CancellationToken cancellationToken) =>
        await products.Find(HeldFor(id, orderId)).Limit(1).CountDocumentsAsync(cancellationToken) > 0;

    private BsonDocument HeldFor(ObjectId id, string orderId) => new() { IdIs(id), { ReservedForField, orderId } };

    private FilterDefinition<Product> ById(ObjectId id) => new BsonDocument(IdIs(id));

    private BsonElement IdIs(ObjectId id) => idField.Is(id.ToString());
}
