using Grpc.Core;
using MicroShop.Contracts.Products.V1;
using MicroShop.Products.Messaging;
using Empty = Google.Protobuf.WellKnownTypes.Empty;
using ProductMessage = MicroShop.Contracts.Products.V1.Product;

namespace MicroShop.Products.Grpc;

public sealed class ProductCatalogService(ProductRepository products, CatalogChanges changes, StockChangeAnnouncer stockChanges) : ProductCatalog.ProductCatalogBase
{
    private const int MaxIdsPerLookup = 1_000;

    public override async Task<ProductMessage> CreateProduct(CreateProductRequest request, ServerCallContext context)
    {
        var details = request.ToDetails();
        ThrowIfInvalid(details.ValidateWithWirePrice(request.Price));

        var product = await products.InsertAsync(details, context.CancellationToken);
        return product.ToMessage();
    }

    public override async Task<ProductMessage> GetProduct(GetProductRequest request, ServerCallContext context)
    {
        var id = ParseId(request.Id);
        var product = await products.FindAsync(id, context.CancellationToken) ?? throw CatalogErrors.ProductNotFound(id);
        return product.ToMessage();
    }

    public override async Task<ListProductsResponse> ListProducts(ListProductsRequest request, ServerCallContext context)
    {
        var query = new ProductQuery(
            request.Category,
            request.IsActive,
            request.HasPage ? request.Page : ProductQuery.DefaultPage,
            request.HasPageSize ? request.PageSize : ProductQuery.DefaultPageSize);
        ThrowIfInvalid(query.Validate());

        var (items, totalCount) = await products.ListAsync(query, context.CancellationToken);
        return new ListProductsResponse
        {
            Items = { items.Select(product => product.ToMessage()) },
            Page = query.Page,
            PageSize = query.PageSize,
            TotalCount = totalCount,
        };
    }

    public override async Task<ProductMessage> UpdateProduct(UpdateProductRequest request, ServerCallContext context)
    {
        var id = ParseId(request.Id);
        var details = request.ToDetails();
        ThrowIfInvalid(details.ValidateWithWirePrice(request.Price));

        var expectedVersion = request.ExpectedVersion;
        if (await products.ReplaceAsync(id, details, expectedVersion, context.CancellationToken) is { } product)
        {
            await changes.AnnounceAsync(product.Id, context.CancellationToken);
            return product.ToMessage();
        }

        // Nothing matched: either there is no such product or another writer got there first.
        throw expectedVersion is { } version && await products.ExistsAsync(id, context.CancellationToken)
            ? CatalogErrors.VersionMismatch(id, version)
            : CatalogErrors.ProductNotFound(id);
    }

    public override async Task<Empty> DeleteProduct(DeleteProductRequest request, ServerCallContext context)
    {
        var id = ParseId(request.Id);
        if (!await products.DeleteAsync(id, context.CancellationToken))
        {
            throw CatalogErrors.ProductNotFound(id);
        }

        await changes.AnnounceAsync(id.ToString(), context.CancellationToken);
        return new Empty();
    }

    public override async Task<GetProductsByIdsResponse> GetProductsByIds(GetProductsByIdsRequest request, ServerCallContext context)
    {
        if (request.Ids.Count > MaxIdsPerLookup)
        {
            throw CatalogErrors.InvalidArgument([new ValidationError("ids", $"At most {MaxIdsPerLookup} ids at once.")]);
        }

        // An id that is not well-formed names no product, so it is absent like any unknown one.
        var ids = request.Ids
            .Select(text => ObjectId.TryParse(text, out var id) ? id : (ObjectId?)null)
            .OfType<ObjectId>()
            .Distinct()
            .ToList();
        var found = (await products.FindManyAsync(ids, context.CancellationToken)).ToDictionary(product => product.Id);

        return new GetProductsByIdsResponse
        {
            Items = { ids.Select(id => found.GetValueOrDefault(id.ToString())).OfType<Domain.Product>().Select(product => product.ToMessage()) },
        };
    }

    public override async Task<ProductMessage> AdjustStock(AdjustStockRequest request, ServerCallContext context)
    {
        var id = ParseId(request.Id);
        var adjustment = new StockAdjustment(request.Delta);
        ThrowIfInvalid(adjustment.Validate());

        if (await products.AdjustStockAsync(id, adjustment, context.CancellationToken) is { } product)
        {
            stockChanges.Announce([product.Id]);
            return product.ToMessage();
        }

        throw await products.ExistsAsync(id, context.CancellationToken)
            ? CatalogErrors.InsufficientStock(id, adjustment)
            : CatalogErrors.ProductNotFound(id);
    }

    private static ObjectId ParseId(string text) =>
        ObjectId.TryParse(text, out var id)
            ? id
            : throw CatalogErrors.InvalidArgument([new ValidationError("id", "A product id is 24 hexadecimal digits.")]);

    private static void ThrowIfInvalid(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw CatalogErrors.InvalidArgument(errors);
        }
    }
}
