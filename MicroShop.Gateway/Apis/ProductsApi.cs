using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Catalog;
using MicroShop.Gateway.Security;

namespace MicroShop.Gateway.Apis;

// The catalog over HTTP. Business rules and their field errors come from the Products service (a failed call
// is mapped once, by RpcExceptionHandler); this API only checks what cannot travel over gRPC.
public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/products")
            .WithTags("Products");

        api.MapGet("", ListProducts)
            .WithName(nameof(ListProducts))
            .AllowAnonymous()
            .WithSummary("List products")
            .WithDescription("One page of the catalog, optionally narrowed to a category and to active or inactive products.")
            .ProducesValidationProblem();

        api.MapGet("/{id}", GetProduct)
            .WithName(nameof(GetProduct))
            .AllowAnonymous()
            .WithSummary("Get a product")
            .WithDescription(
                "The ETag header carries the product's version, for If-Match on a later PUT; with If-None-Match set to it, 304 while it is current.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", CreateProduct)
            .WithName(nameof(CreateProduct))
            .RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Create a product")
            .ProducesValidationProblem();

        api.MapPut("/{id}", UpdateProduct)
            .WithName(nameof(UpdateProduct))
            .RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Replace a product")
            .WithDescription("With If-Match set to the ETag of a GET, the update applies only to that version: 412 otherwise.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapDelete("/{id}", DeleteProduct)
            .WithName(nameof(DeleteProduct))
            .RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Delete a product")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/stock", AdjustStock)
            .WithName(nameof(AdjustStock))
            .RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Adjust a product's stock")
            .WithDescription("Adds delta (negative: removes) to the quantity; 409 and no change if stock would go below zero.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    // What is absent is left to the service's defaults (page 1 of 20, every category, active or not).
    public static async Task<Ok<ProductPage>> ListProducts(
        string? category, bool? isActive, int? page, int? pageSize, ProductCatalog.ProductCatalogClient catalog,
        CancellationToken cancellationToken)
    {
        var request = new ListProductsRequest { Category = category ?? "", IsActive = isActive };
        if (page is { } pageNumber)
        {
            request.Page = pageNumber;
        }

        if (pageSize is { } size)
        {
            request.PageSize = size;
        }

        var response = await catalog.ListProductsAsync(request, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ProductPage(
            [.. response.Items.Select(product => product.ToResponse())], response.Page, response.PageSize, response.TotalCount));
    }

    // Served from the product cache (Catalog/ProductCache.cs), which every change of the product empties; a request
    // with Cache-Control: no-cache asks Products itself (HTTP's way to ask a cache for the origin's answer).
    public static async Task<Results<Ok<ProductResponse>, StatusCodeHttpResult>> GetProduct(
        string id, ProductCache products, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var product = httpContext.Request.GetTypedHeaders().CacheControl is { NoCache: true }
            ? await products.ReadAsync(id, cancellationToken)
            : await products.GetAsync(id, cancellationToken);
        httpContext.Response.Headers.ETag = ProductETag.Format(product.Version);
        return ProductETag.IsCurrentFor(httpContext.Request.Headers.IfNoneMatch, product.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(product.Product);
    }

    public static async Task<Results<Created<ProductResponse>, ValidationProblem>> CreateProduct(
        ProductRequest product, ProductCatalog.ProductCatalogClient catalog, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!ProductMessages.TryToDecimalValue(product.Price, out var price))
        {
            return PriceNotCarried();
        }

        var created = await catalog.CreateProductAsync(product.ToCreateRequest(price), cancellationToken: cancellationToken);
        httpContext.Response.Headers.ETag = ProductETag.Format(created.Version);
        return TypedResults.Created($"/products/{created.Id}", created.ToResponse());
    }

    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> UpdateProduct(
        string id, ProductRequest product, ProductCatalog.ProductCatalogClient catalog, ProductCache products, HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        if (!ProductMessages.TryToDecimalValue(product.Price, out var price))
        {
            return PriceNotCarried();
        }

        if (!ProductETag.TryParseIfMatch(httpContext.Request.Headers.IfMatch, out var expectedVersion))
        {
            return PreconditionFailed("If-Match must be \"*\" or the one ETag a GET of the product returned.");
        }

        try
        {
            var updated = await catalog.UpdateProductAsync(
                product.ToUpdateRequest(id, price, expectedVersion), cancellationToken: cancellationToken);
            await products.InvalidateAsync([id], cancellationToken);
            return WithETag(httpContext, updated);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Aborted)
        {
            // The version in If-Match is no longer current: HTTP's answer to a failed If-Match is 412.
            return PreconditionFailed(exception.Status.Detail);
        }
    }

    public static async Task<NoContent> DeleteProduct(
        string id, ProductCatalog.ProductCatalogClient catalog, ProductCache products, CancellationToken cancellationToken)
    {
        await catalog.DeleteProductAsync(new DeleteProductRequest { Id = id }, cancellationToken: cancellationToken);
        await products.InvalidateAsync([id], cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ProductResponse>> AdjustStock(
        string id, StockAdjustmentRequest adjustment, ProductCatalog.ProductCatalogClient catalog, ProductCache products,
        HttpContext httpContext, CancellationToken cancellationToken)
    {
        var product = await catalog.AdjustStockAsync(
            new AdjustStockRequest { Id = id, Delta = adjustment.Delta }, cancellationToken: cancellationToken);
        await products.InvalidateAsync([id], cancellationToken);
        return WithETag(httpContext, product);
    }

    private static Ok<ProductResponse> WithETag(HttpContext httpContext, Product product)
    {
        httpContext.Response.Headers.ETag = ProductETag.Format(product.Version);
        return TypedResults.Ok(product.ToResponse());
    }

    private static ValidationProblem PriceNotCarried() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["price"] = ["This price has too many digits to be carried exactly."],
        });

    private static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed);
}
