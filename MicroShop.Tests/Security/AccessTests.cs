using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MicroShop.Bench.Security;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Security;

// Who may call what at the Gateway: anonymous reads, customers' orders, staff for the rest; and which tokens count.
[Collection(DistributedAppCollection.Name)]
public sealed class AccessTests(DistributedAppFixture fixture)
{
    private const string SomeProduct = "/products/0123456789abcdef01234567";
    private const string SomeOrder = "/orders/0195f3a2-0000-7000-8000-000000000000";

    // The routes any authenticated customer may call (their own orders only).
    private static readonly (string Method, string Path)[] CustomerRoutes =
    [
        ("POST", "/orders"),
        ("GET", "/orders"),
        ("GET", SomeOrder),
        ("POST", SomeOrder + "/cancel"),
    ];

    // The routes for staff alone.
    private static readonly (string Method, string Path)[] StaffRoutes =
    [
        ("POST", "/products"),
        ("PUT", SomeProduct),
        ("DELETE", SomeProduct),
        ("POST", SomeProduct + "/stock"),
        ("POST", SomeOrder + "/confirm"),
        ("POST", SomeOrder + "/complete"),
        ("GET", "/admin/dead-letters"),
        ("POST", "/admin/dead-letters/redeliver"),
        ("GET", "/admin/outbox/parked"),
        ("POST", "/admin/outbox/parked/1/replay"),
    ];

    // Every protected route: the customers' and the staff's.
    public static TheoryData<string, string> ProtectedRoutes => Routes([.. CustomerRoutes, .. StaffRoutes]);

    public static TheoryData<string, string> AdminRoutes => Routes(StaffRoutes);

    public static TheoryData<string> RejectedTokens => new()
    {
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "wrong signature",
        "alg none",
        "no expiry",
        "not a JWT",
    };

    [Theory]
    [InlineData("/products")]
    [InlineData("/products?category=none&page=1&pageSize=5")]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    public async Task Catalog_reads_health_and_the_API_description_need_no_token(string path)
    {
        using var anonymous = fixture.CreateGatewayClient();

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_product_is_read_without_a_token()
    {
        using var admin = fixture.CreateAdminGatewayClient();
        using var created = await admin.PostAsync("/products", Json("""{"name":"Open to all","description":"","price":1.50,"quantity":3,"category":"access-tests","isActive":true}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var anonymous = fixture.CreateGatewayClient();

        using var read = await anonymous.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_protected_route_without_a_token_is_a_problem_json_401_with_a_bearer_challenge(string method, string path)
    {
        using var anonymous = fixture.CreateGatewayClient();

        using var response = await anonymous.SendAsync(Request(method, path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task A_customer_on_a_staff_route_is_a_problem_json_403(string method, string path)
    {
        using var customer = fixture.CreateGatewayClient($"customer-{Guid.NewGuid():N}");

        using var response = await customer.SendAsync(Request(method, path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task A_token_that_is_not_valid_is_a_problem_json_401(string flaw)
    {
        using var client = fixture.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FlawedAdminToken(flaw));

        // Staff routes: a token accepted by mistake would be 200 here.
        using var orders = await client.GetAsync("/orders");
        using var parked = await client.GetAsync("/admin/outbox/parked");

        await ProblemAssert.IsProblemAsync(orders, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(parked, HttpStatusCode.Unauthorized);
        Assert.Contains(parked.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task The_same_token_done_right_is_accepted()
    {
        using var client = fixture.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FlawedAdminToken("none"));

        using var parked = await client.GetAsync("/admin/outbox/parked");

        Assert.Equal(HttpStatusCode.OK, parked.StatusCode);
    }

    private string FlawedAdminToken(string flaw)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = fixture.Tokens.Claims($"admin-{Guid.NewGuid():N}", [TokenIssuer.AdminRole], now.AddMinutes(-1), now.AddHours(1));
        switch (flaw)
        {
            case "expired":
                claims["nbf"] = claims["iat"] = now.AddHours(-2).ToUnixTimeSeconds();
                claims["exp"] = now.AddHours(-1).ToUnixTimeSeconds();
                break;
            case "not yet valid":
                claims["nbf"] = claims["iat"] = now.AddHours(1).ToUnixTimeSeconds();
                claims["exp"] = now.AddHours(2).ToUnixTimeSeconds();
                break;
            case "wrong audience":
                claims["aud"] = "someone-else";
                break;
            case "wrong issuer":
                claims["iss"] = "https://issuer.example";
                break;
            case "wrong signature":
                return TokenIssuer.Sign(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" }, claims, new byte[32]);
            case "alg none":
                return $"{TokenIssuer.Encode(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" })}.{TokenIssuer.Encode(claims)}.";
            case "no expiry":
                claims.Remove("exp");
                break;
            case "not a JWT":
                return "not-a-jwt";
        }

        return fixture.Tokens.Mint(claims);
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method == "GET" || method == "DELETE" ? null : Json("{}") };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static TheoryData<string, string> Routes(IEnumerable<(string Method, string Path)> routes)
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in routes)
        {
            data.Add(method, path);
        }

        return data;
    }
}
