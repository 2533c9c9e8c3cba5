using System.Text.Json;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Security;

// The OpenAPI document says which operations need a token and which need the admin role.
[Collection(DistributedAppCollection.Name)]
public sealed class OpenApiSecurityTests(DistributedAppFixture fixture)
{
    private static readonly string[] Anonymous = ["ListProducts", "GetProduct"];

    private static readonly string[] StaffOnly =
    [
        "CreateProduct", "UpdateProduct", "DeleteProduct", "AdjustStock", "ConfirmOrder", "CompleteOrder",
        "GetDeadLetters", "RedeliverDeadLetters", "GetParkedOutboxMessages", "ReplayParkedOutboxMessage",
    ];

    [Fact]
    public async Task The_document_declares_the_bearer_scheme_and_each_operations_requirement()
    {
        using var anonymous = fixture.CreateGatewayClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .ToDictionary(operation => operation.Value.GetProperty("operationId").GetString()!, operation => operation.Value);
        Assert.Superset(Anonymous.Concat(StaffOnly).Concat(["CreateOrder", "GetOrder", "ListOrders", "CancelOrder"]).ToHashSet(), operations.Keys.ToHashSet());
        foreach (var (id, operation) in operations)
        {
            if (Anonymous.Contains(id))
            {
                Assert.False(operation.TryGetProperty("security", out _), $"{id} should need no token.");
                continue;
            }

            // Every other operation needs a bearer token; staff operations name the admin role.
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            var roles = requirement.GetProperty("Bearer").EnumerateArray().Select(role => role.GetString()).ToList();
            Assert.Equal(StaffOnly.Contains(id) ? ["admin"] : [], roles);
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{id} should declare 401.");
        }
    }
}
