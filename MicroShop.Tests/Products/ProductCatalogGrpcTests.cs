using Google.Rpc;
using Grpc.Core;
using MicroShop.Contracts.Common.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using static MicroShop.Tests.Products.CatalogRequests;

namespace MicroShop.Tests.Products;

// The ProductCatalog contract, called directly over gRPC as Orders and the Gateway call it.
[Collection(DistributedAppCollection.Name)]
public sealed class ProductCatalogGrpcTests(DistributedAppFixture fixture)
{
    public static TheoryData<string, Action<CreateProductRequest>> InvalidFields => new()
    {
        { "name", request => request.Name = "" },
        { "name", request => request.Name = new string('n', 201) },
        { "description", request => request.Description = new string('d', 2_001) },
        { "price", request => request.Price = DecimalValue.FromDecimal(-1m) },
        { "price", request => request.Price = DecimalValue.FromDecimal(0.005m) },
        { "price", request => request.Price = DecimalValue.FromDecimal(1_000_001m) },
        { "price", request => request.Price = null },
        { "price", request => request.Price = new DecimalValue { Units = 1, Nanos = -500_000_000 } },
        { "price", request => request.Price = new DecimalValue { Units = 0, Nanos = 1_000_000_000 } },
        { "quantity", request => request.Quantity = -1 },
        { "category", request => request.Category = " " },
        { "category", request => request.Category = new string('c', 101) },
    };

    [Fact]
    public async Task A_product_is_created_read_replaced_and_deleted_with_its_version_growing()
    {
        var catalog = CreateClient();
        var request = NewProduct(UniqueCategory());

        var created = await catalog.CreateProductAsync(request);
        var read = await catalog.GetProductAsync(new GetProductRequest { Id = created.Id });
        var updated = await catalog.UpdateProductAsync(new UpdateProductRequest
        {
            Id = created.Id,
            Name = "Steel mug",
            Description = "Keeps tea hot.",
            Price = DecimalValue.FromDecimal(24.50m),
            Quantity = 3,
            Category = request.Category,
            IsActive = false,
        });
        var stocked = await catalog.AdjustStockAsync(new AdjustStockRequest { Id = created.Id, Delta = 2 });
        await catalog.DeleteProductAsync(new DeleteProductRequest { Id = created.Id });

        Assert.Matches("^[0-9a-f]{24}$", created.Id);
        Assert.Equal(1, created.Version);
        Assert.Equal(request.Name, created.Name);
        Assert.Equal(19.99m, created.Price.ToDecimal());
        Assert.Equal(created, read);
        Assert.Equal(2, updated.Version);
        Assert.Equal(("Steel mug", "Keeps tea hot.", 24.50m, 3, false),
            (updated.Name, updated.Description, updated.Price.ToDecimal(), updated.Quantity, updated.IsActive));
        Assert.Equal(3, stocked.Version);
        Assert.Equal(5, stocked.Quantity);
        await AssertStatusAsync(StatusCode.NotFound, catalog.GetProductAsync(new GetProductRequest { Id = created.Id }).ResponseAsync);
        await AssertStatusAsync(StatusCode.NotFound, catalog.DeleteProductAsync(new DeleteProductRequest { Id = created.Id }).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_one_field_violation_and_nothing_is_created(string field, Action<CreateProductRequest> spoil)
    {
        var catalog = CreateClient();
        var request = NewProduct(UniqueCategory());
        spoil(request);

        var violations = await AssertInvalidAsync(catalog.CreateProductAsync(request).ResponseAsync);

        Assert.Equal([field], violations.Select(violation => violation.Field));
        Assert.False(string.IsNullOrEmpty(violations[0].Description));
        Assert.Equal(0, (await catalog.ListProductsAsync(new ListProductsRequest { Category = request.Category })).TotalCount);
    }

    [Fact]
    public async Task Every_invalid_field_of_an_update_is_a_violation_by_its_proto_name()
    {
        var catalog = CreateClient();
        var created = await catalog.CreateProductAsync(NewProduct(UniqueCategory()));

        var violations = await AssertInvalidAsync(catalog.UpdateProductAsync(new UpdateProductRequest
        {
            Id = created.Id,
            Name = "",
            Description = new string('d', 2_001),
            Price = DecimalValue.FromDecimal(1.234m),
            Quantity = -1,
            Category = "",
            IsActive = true,
        }).ResponseAsync);

        Assert.Equal(
            ["category", "description", "name", "price", "quantity"],
            violations.Select(violation => violation.Field).Order(StringComparer.Ordinal));
        Assert.Equal(created, await catalog.GetProductAsync(new GetProductRequest { Id = created.Id }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789abcdef0123456g")]
    public async Task A_malformed_id_is_invalid_argument_naming_id(string id)
    {
        var catalog = CreateClient();

        Task[] calls =
        [
            catalog.GetProductAsync(new GetProductRequest { Id = id }).ResponseAsync,
            catalog.UpdateProductAsync(new UpdateProductRequest
            {
                Id = id, Name = "Mug", Price = DecimalValue.FromDecimal(1m), Category = "c",
            }).ResponseAsync,
            catalog.DeleteProductAsync(new DeleteProductRequest { Id = id }).ResponseAsync,
            catalog.AdjustStockAsync(new AdjustStockRequest { Id = id, Delta = 1 }).ResponseAsync,
        ];

        foreach (var call in calls)
        {
            Assert.Equal(["id"], (await AssertInvalidAsync(call)).Select(violation => violation.Field));
        }
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        var catalog = CreateClient();
        var id = ObjectId.GenerateNewId().ToString();

        await AssertStatusAsync(StatusCode.NotFound, catalog.GetProductAsync(new GetProductRequest { Id = id }).ResponseAsync);
        await AssertStatusAsync(StatusCode.NotFound, catalog.UpdateProductAsync(new UpdateProductRequest
        {
            Id = id, Name = "Mug", Price = DecimalValue.FromDecimal(1m), Category = "c", ExpectedVersion = 1,
        }).ResponseAsync);
        await AssertStatusAsync(StatusCode.NotFound, catalog.DeleteProductAsync(new DeleteProductRequest { Id = id }).ResponseAsync);
        await AssertStatusAsync(StatusCode.NotFound, catalog.AdjustStockAsync(new AdjustStockRequest { Id = id, Delta = -1 }).ResponseAsync);
    }

    [Fact]
    public async Task Products_by_ids_come_once_each_in_request_order_and_unknown_ids_are_absent()
    {
        var catalog = CreateClient();
        var category = UniqueCategory();
        var first = await catalog.CreateProductAsync(NewProduct(category, "First"));
        var second = await catalog.CreateProductAsync(NewProduct(category, "Second"));

        var response = await catalog.GetProductsByIdsAsync(new GetProductsByIdsRequest
        {
            Ids = { second.Id, ObjectId.GenerateNewId().ToString(), "not-an-id", first.Id, second.Id },
        });
        var none = await catalog.GetProductsByIdsAsync(new GetProductsByIdsRequest());

        Assert.Equal([second, first], response.Items);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Listing_pages_and_filters_and_rejects_out_of_range_paging()
    {
        var catalog = CreateClient();
        var category = UniqueCategory();
        for (var i = 0; i < 3; i++)
        {
            await catalog.CreateProductAsync(NewProduct(category, $"Product {i}", isActive: i != 1));
        }

        var defaults = await catalog.ListProductsAsync(new ListProductsRequest { Category = category });
        var second = await catalog.ListProductsAsync(new ListProductsRequest { Category = category, Page = 2, PageSize = 2 });
        var inactive = await catalog.ListProductsAsync(new ListProductsRequest { Category = category, IsActive = false });

        Assert.Equal((1, 20, 3L, 3), (defaults.Page, defaults.PageSize, defaults.TotalCount, defaults.Items.Count));
        Assert.Equal(["Product 0", "Product 1", "Product 2"], defaults.Items.Select(product => product.Name));
        Assert.Equal((2, 2, 3L), (second.Page, second.PageSize, second.TotalCount));
        Assert.Equal(["Product 2"], second.Items.Select(product => product.Name));
        Assert.Equal(["Product 1"], inactive.Items.Select(product => product.Name));
        Assert.Equal(1, inactive.TotalCount);

        Assert.Equal(["page"], (await AssertInvalidAsync(
            catalog.ListProductsAsync(new ListProductsRequest { Category = category, Page = 0 }).ResponseAsync)).Select(v => v.Field));
        Assert.Equal(["page_size"], (await AssertInvalidAsync(
            catalog.ListProductsAsync(new ListProductsRequest { Category = category, PageSize = 101 }).ResponseAsync)).Select(v => v.Field));
        Assert.Equal(["page_size"], (await AssertInvalidAsync(
            catalog.ListProductsAsync(new ListProductsRequest { Category = category, PageSize = 0 }).ResponseAsync)).Select(v => v.Field));
    }

    [Fact]
    public async Task A_stock_adjustment_below_zero_fails_its_precondition_and_changes_nothing()
    {
        var catalog = CreateClient();
        var created = await catalog.CreateProductAsync(NewProduct(UniqueCategory(), quantity: 2));

        await AssertStatusAsync(StatusCode.FailedPrecondition,
            catalog.AdjustStockAsync(new AdjustStockRequest { Id = created.Id, Delta = -3 }).ResponseAsync);
        await AssertStatusAsync(StatusCode.FailedPrecondition,
            catalog.AdjustStockAsync(new AdjustStockRequest { Id = created.Id, Delta = int.MinValue }).ResponseAsync);
        Assert.Equal(["delta"], (await AssertInvalidAsync(
            catalog.AdjustStockAsync(new AdjustStockRequest { Id = created.Id, Delta = 0 }).ResponseAsync)).Select(v => v.Field));
        var emptied = await catalog.AdjustStockAsync(new AdjustStockRequest { Id = created.Id, Delta = -2 });

        Assert.Equal(0, emptied.Quantity);
        Assert.Equal(created.Version + 1, emptied.Version);
    }

    [Fact]
    public async Task Of_concurrent_updates_with_the_same_expected_version_exactly_one_applies()
    {
        var catalog = CreateClient();
        var request = NewProduct(UniqueCategory());
        var created = await catalog.CreateProductAsync(request);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async writer =>
        {
            try
            {
                var updated = await catalog.UpdateProductAsync(new UpdateProductRequest
                {
                    Id = created.Id,
                    Name = $"Writer {writer}",
                    Price = request.Price,
                    Quantity = writer,
                    Category = request.Category,
                    IsActive = true,
                    ExpectedVersion = created.Version,
                });
                return (Status: StatusCode.OK, Product: updated);
            }
            catch (RpcException exception)
            {
                return (Status: exception.StatusCode, Product: (Product?)null);
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome.Status == StatusCode.OK).Product!;
        Assert.Equal(9, outcomes.Count(outcome => outcome.Status == StatusCode.Aborted));
        Assert.Equal(created.Version + 1, winner.Version);
        Assert.Equal(winner, await catalog.GetProductAsync(new GetProductRequest { Id = created.Id }));
    }

    [Theory]
    [InlineData("19.99")]
    [InlineData("0.10")]
    [InlineData("1000000")]
    public async Task A_price_is_stored_as_Decimal128_and_reads_back_exactly(string price)
    {
        var catalog = CreateClient();
        var amount = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        var request = NewProduct(UniqueCategory());
        request.Price = DecimalValue.FromDecimal(amount);

        var created = await catalog.CreateProductAsync(request);
        var read = await catalog.GetProductAsync(new GetProductRequest { Id = created.Id });

        Assert.Equal(amount, read.Price.ToDecimal());
        var url = MongoUrl.Create(await fixture.GetConnectionStringAsync("mongodb"));
        var stored = await new MongoClient(url).GetDatabase(url.DatabaseName).GetCollection<BsonDocument>("products")
            .Find(new BsonDocument("_id", ObjectId.Parse(created.Id))).SingleAsync();
        Assert.Equal(BsonType.Decimal128, stored["price"].BsonType);
        Assert.Equal(amount, stored["price"].AsDecimal);
    }

    private ProductCatalog.ProductCatalogClient CreateClient() => new(fixture.CreateGrpcChannel("products"));

    private static CreateProductRequest NewProduct(string category, string name = "Enamel mug", int quantity = 10, bool isActive = true) => new()
    {
        Name = name,
        Description = "Holds 350 ml.",
        Price = DecimalValue.FromDecimal(19.99m),
        Quantity = quantity,
        Category = category,
        IsActive = isActive,
    };

    private static async Task<RpcException> AssertStatusAsync(StatusCode expected, Task call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(expected, exception.StatusCode);
        return exception;
    }

    private static async Task<IReadOnlyList<BadRequest.Types.FieldViolation>> AssertInvalidAsync(Task call)
    {
        var exception = await AssertStatusAsync(StatusCode.InvalidArgument, call);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations;
    }
}
