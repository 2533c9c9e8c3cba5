using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Security;

// JSON bodies are UTF-8: any other declared charset is 415 problem+json (utf-7, or a quoted "utf-8", made the body
// binder throw: 500).
[Collection(DistributedAppCollection.Name)]
public sealed class UnsupportedCharsetTests(DistributedAppFixture fixture)
{
    [Theory]
    [InlineData("POST", "/products", "utf-7")]
    [InlineData("PUT", "/products/0123456789abcdef01234567", "utf-7")]
    [InlineData("POST", "/products/0123456789abcdef01234567/stock", "utf-7")]
    [InlineData("POST", "/orders", "utf-7")]
    [InlineData("POST", "/orders", "utf-16")]
    [InlineData("POST", "/orders", "no-such-charset")]
    [InlineData("POST", "/orders", "\"utf-8\"")]
    [InlineData("POST", "/orders/0195f3a2-0000-7000-8000-000000000000/cancel", "utf-7")]
    public async Task A_body_in_a_charset_other_than_utf8_is_a_problem_json_415(string method, string path, string charset)
    {
        using var staff = fixture.CreateAdminGatewayClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"delta":1,"items":[]}"""));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");

        using var response = await staff.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json")]
    public async Task A_body_in_utf8_is_read(string contentType)
    {
        using var staff = fixture.CreateAdminGatewayClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"items":[]}"""));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await staff.PostAsync("/orders", content);

        // Read, and refused for what it says: an order needs items.
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items", out _), problem.ToString());
    }
}
