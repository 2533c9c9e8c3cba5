using System.Text;
using MicroShop.Bench.Security;

namespace MicroShop.Tests.Security;

// A seeded generator of malformed and hostile requests to the Gateway: odd paths and queries, headers (content types,
// charsets, tokens, preconditions), and bodies (deep JSON, huge numbers, duplicate keys, operator injection, unicode
// edge cases). Every request that could change anything is built to be refused: writes carry no valid admin token, or
// a body that is invalid whatever the parser makes of it, or name a product or order that does not exist, so the run can
// check that nothing changed. Targets: products of the run's own, which no request may alter.
public sealed class HostileRequests(int seed, IReadOnlyList<string> ownProducts, TokenIssuer tokens)
{
    private readonly Random random = new(seed);

    public IEnumerable<HostileRequest> Generate(int count)
    {
        for (var index = 0; index < count; index++)
        {
            yield return random.Next(10) switch
            {
                0 or 1 => OddPath(),
                2 or 3 => OddQuery(),
                4 or 5 => OddHeaders(),
                _ => OddBody(),
            };
        }
    }

    private HostileRequest OddPath()
    {
        string[] paths =
        [
            "/../../etc/passwd", "/products/..%2f..%2fetc%2fpasswd", "/products/%2e%2e/%2e%2e", "/products//",
            "/products/" + Pick(OddIds), "/orders/" + Pick(OddIds), "/orders/" + Pick(OddIds) + "/cancel",
            "/orders/" + Guid.NewGuid() + "/" + Pick(["confirm", "complete", "refund", "%01", "..", "cancel/extra"]),
            "/admin/outbox/parked/" + Pick(OddIds) + "/replay", "/admin/dead-letters/" + Pick(OddIds),
            "/products/" + new string('a', random.Next(100, 4000)), "/" + Pick(OddText), "/openapi/v2.json", "/scalar/../openapi/v1.json",
            "/health/" + Pick(OddIds), "/products/" + Pick(ownProducts) + "/" + Pick(OddIds),
        ];
        var method = Pick([HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new HttpMethod("PROPFIND"), HttpMethod.Options]);
        return new HostileRequest("path", method, Pick(paths), AnyToken(method), Json, method == HttpMethod.Get ? null : Utf8("{}"), []);
    }

    private HostileRequest OddQuery()
    {
        string[] parameters =
        [
            "page=" + Pick(OddNumbers), "pageSize=" + Pick(OddNumbers), "isActive=" + Pick(["maybe", "1", "TRUE", "", "null", "%00"]),
            "category=" + Pick(OddText), "category[$ne]=x", "category=" + new string('c', random.Next(100, 3000)),
            "userId=" + Pick(OddText), "userId[$gt]=", "status=" + Pick(["SHIPPED", "pending%00", "0", "PENDING,FAILED", "%27%20OR%201%3D1"]),
            "page=1&page=2", "%zz=1", "=", "&&&", "pageSize=1e3",
        ];
        var query = string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(parameters)));
        return new HostileRequest("query", HttpMethod.Get, $"{Pick(["/products", "/orders", "/admin/outbox/parked"])}?{query}", AnyToken(HttpMethod.Get), null, null, []);
    }

    private HostileRequest OddHeaders()
    {
        List<KeyValuePair<string, string>> headers = [];
        switch (random.Next(5))
        {
            case 0:
                headers.Add(new("If-Match", Pick(["W/\"1\"", "*, *", "\"abc\"", "\"1\", \"2\"", "\"99999999999999999999999\"", new string('"', 200), "\"-1\""])));
                break;
            case 1:
                headers.Add(new("Idempotency-Key", Pick([new string('k', 5000), "%00", "   ", "key\twith\ttabs", "';--"])));
                break;
            case 2:
                headers.Add(new("Accept", Pick(["application/xml", "*/*;q=abc", "text/html, application/json;q=0", new string('x', 3000)])));
                break;
            case 3:
                headers.Add(new("Content-Encoding", Pick(["gzip", "br", "identity, gzip", "x-unknown"])));
                break;
            default:
                headers.Add(new("X-Forwarded-For", Pick(["1.2.3.4", "::1, 10.0.0.1", "not-an-address", new string('9', 1000)])));
                break;
        }

        var (method, path, body) = random.Next(4) switch
        {
            0 => (HttpMethod.Put, "/products/" + Pick(ownProducts), ProductBody()),
            1 => (HttpMethod.Post, "/orders", OrderBody()),
            2 => (HttpMethod.Get, "/products/" + Pick(ownProducts), null),
            _ => (HttpMethod.Post, $"/products/{Pick(ownProducts)}/stock", StockBody()),
        };
        return new HostileRequest("headers", method, path, AnyToken(method), OddContentType(), body, headers);
    }

    private HostileRequest OddBody()
    {
        var (path, method, body) = random.Next(5) switch
        {
            0 => ("/products", HttpMethod.Post, ProductBody()),
            1 => ("/products/" + Pick(ownProducts), HttpMethod.Put, ProductBody()),
            2 => ($"/products/{Pick(ownProducts)}/stock", HttpMethod.Post, StockBody()),
            3 => ("/orders", HttpMethod.Post, OrderBody()),
            _ => ($"/orders/{Guid.NewGuid()}/cancel", HttpMethod.Post, Utf8($$"""{"reason":{{Pick(OddJsonValues)}}}""")),
        };

        // Mostly a valid token, so that the body is read: the body is what is being tested.
        var token = random.Next(4) == 0 ? AnyToken(method) : Bearer(tokens.Mint($"hostile-{random.Next(1000)}", random.Next(2) == 0 ? [TokenIssuer.AdminRole] : []));
        return new HostileRequest("body", method, path, token, random.Next(5) == 0 ? OddContentType() : Json, body, []);
    }

    // Invalid whatever a parser makes of it: a negative price and quantity, whichever duplicate wins.
    private byte[] ProductBody() => Pick<Func<byte[]>>(
    [
        () => MalformedJson(),
        () => Utf8($$"""{"name":{{Pick(OddJsonValues)}},"description":{{Pick(OddJsonValues)}},"price":-1,"quantity":-1,"category":"hostile","isActive":true}"""),
        () => Utf8("""{"name":"Dup","name":"Dup2","price":-1,"price":-2,"quantity":-1,"quantity":-5,"category":"hostile","isActive":true}"""),
        () => Utf8($$"""{"name":"Big","price":{{Pick(HugeNumbers)}},"quantity":-1,"category":"hostile","isActive":true}"""),
        () => Utf8($$"""{"name":"Big","price":-1,"quantity":{{Pick(HugeNumbers)}},"category":"hostile","isActive":true}"""),
        () => Utf8("""{"name":{"$gt":""},"price":{"$ne":null},"quantity":-1,"category":{"$where":"sleep(1000)"},"isActive":true}"""),
        () => Utf8("""{"$set":{"price":0},"name":"x","price":-1,"quantity":-1,"category":"hostile","isActive":true}"""),
    ])();

    // Deltas that are never applied: zero, not an integer, beyond Int32, or more than the whole stock taken away. (A
    // number in a string is read as a number: web JSON defaults.)
    private byte[] StockBody() => Utf8($$"""{"delta":{{Pick(["0", "1.5", "null", "[]", "{\"$inc\":1}", "-2147483648", "-1000000000", "2147483648", "1e400", "-0.0001", "true", ..HugeNumbers])}}}""");

    // Products that do not exist (or are not ids at all), or quantities outside 1..10,000: never placed.
    private byte[] OrderBody() => Pick<Func<byte[]>>(
    [
        () => MalformedJson(),
        () => Utf8($$"""{"items":[{"productId":"{{NoSuchProduct()}}","quantity":{{Pick(["1", "2", ..OddNumbers.Where(number => number.Length > 0 && !number.Contains('%'))])}}}]}"""),
        () => Utf8($$"""{"items":[{"productId":"{{Pick(ownProducts)}}","quantity":{{Pick(["0", "-1", "10001", "1.5", "\"0\"", "null", ..HugeNumbers])}}}]}"""),
        () => Utf8("""{"items":[{"productId":{"$ne":""},"quantity":1}],"userId":{"$gt":""}}"""),
        () => Utf8($$"""{"userId":{{Pick(OddJsonValues)}},"items":[{"productId":"{{NoSuchProduct()}}","quantity":1}]}"""),
        () => Utf8($$"""{"items":[{"productId":"{{Pick(ownProducts)}}","quantity":0,"quantity":-1}],"items":[{"productId":"{{NoSuchProduct()}}","quantity":1}]}"""),
        () => Utf8($$"""{"items":[{{string.Join(",", Enumerable.Range(0, random.Next(101, 400)).Select(_ => $$"""{"productId":"{{Pick(ownProducts)}}","quantity":1}"""))}}]}"""),
    ])();

    private byte[] MalformedJson()
    {
        var depth = Pick([65, 1_000, 10_000, 30_000]);
        return Pick<Func<byte[]>>(
        [
            () => Utf8(new string('[', depth) + new string(']', depth)),
            () => Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
            () => Utf8("{\"name\":"),
            () => Utf8("{\"name\":\"x\",}"),
            () => Utf8("{'name':'x'}"),
            () => Utf8("/* comment */ {\"name\":\"x\"}"),
            () => Utf8("{\"price\":NaN}"),
            () => Utf8(""),
            () => Utf8("null"),
            () => Utf8("[]"),
            () => Utf8("\"just a string\""),
            () => [0xC3, 0x28, 0xA0, 0xA1],
            () => [0xC0, 0xAF, 0x7B, 0x7D],
            () => [0xEF, 0xBB, 0xBF, .. Utf8("{\"name\":-1}")],
            () => Encoding.Unicode.GetBytes("{\"name\":\"utf-16\"}"),
            () => Utf8("{\"name\":\"" + new string('x', 70_000) + "\"}"),
            () => Utf8(new string(' ', 65_000) + "{}"),
        ])();
    }

    private string OddContentType() => Pick(
    [
        "text/plain", "application/xml", "application/json; charset=utf-7", "application/json; charset=", "application/json; charset=\"\"",
        "application/json; charset=ebcdic-cp-us", "multipart/form-data", "application/x-www-form-urlencoded", "application/json;;;",
        "application/*", "*/*", "garbage", "application/json; charset=utf-8; charset=utf-16", "application/problem+json", Json,
    ]);

    private string? AnyToken(HttpMethod method)
    {
        var now = DateTimeOffset.UtcNow;
        var admin = tokens.Claims("hostile-admin", [TokenIssuer.AdminRole], now.AddMinutes(-1), now.AddHours(1));
        var expired = new Dictionary<string, object>(admin) { ["exp"] = now.AddHours(-1).ToUnixTimeSeconds(), ["nbf"] = now.AddHours(-2).ToUnixTimeSeconds() };
        var foreign = new Dictionary<string, object>(admin) { ["aud"] = "elsewhere" };
        List<string?> candidates =
        [
            null, "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer not.a.jwt", "Bearer " + new string('e', 6000),
            "Bearer " + TokenIssuer.Encode(new Dictionary<string, object> { ["alg"] = "none" }) + "." + TokenIssuer.Encode(admin) + ".",
            Bearer(tokens.Mint(expired)), Bearer(tokens.Mint(foreign)),
            Bearer(TokenIssuer.Sign(new Dictionary<string, object> { ["alg"] = "HS256" }, admin, new byte[32])),
            Bearer(tokens.Mint(new string('s', 2000))), Bearer(tokens.Mint("user\u0000with\u202econtrol")),
            Bearer(tokens.Mint($"hostile-customer-{random.Next(100)}")),
        ];

        // A valid admin token only where no request of this kind can change anything: reads.
        if (method == HttpMethod.Get)
        {
            candidates.Add(Bearer(tokens.Mint("hostile-admin", TokenIssuer.AdminRole)));
        }

        return Pick(candidates);
    }

    // In paths: no %00, which the HTTP server itself refuses (a bare 400, before the application sees the request).
    private static readonly string[] OddIds =
    [
        "0", "-1", "%01", "%FF%FE", "%F0%9F%92%A9", "zzzzzzzzzzzzzzzzzzzzzzzz", "0123456789abcdef0123456", "0123456789ABCDEF012345678",
        "%7B%22%24gt%22%3A%22%22%7D", "'%20OR%201=1--", "null", "undefined", "NaN", "%E2%80%AE", "9223372036854775808",
        "00000000-0000-0000-0000-000000000000", "{00000000-0000-0000-0000-000000000000}", "%25", "..%5C..%5C",
    ];

    private static readonly string[] OddText =
    [
        "%1F", "%F0%9F%92%A9", "%E2%80%AE", "%ED%A0%80", "%C0%AF", "%27%3B%20DROP%20TABLE%20orders%3B--", "%7B%22%24ne%22%3Anull%7D",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%0D%0ASet-Cookie:%20x=1", "a%09b", "%CC%81%CC%81%CC%81%CC%81%CC%81",
    ];

    private static readonly string[] OddNumbers =
    [
        "0", "-1", "-2147483649", "2147483648", "99999999999999999999", "1.5", "1e10", "abc", "", "%00", "0x10", "+5", " 3", "NaN",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999999", "-99999999999999999999999999999999", "1e-400",
        "0.00000000000000000000000000000000001", "79228162514264337593543950336", "9223372036854775808",
    ];

    // JSON values a string field may meet: odd types, operators and unicode edge cases.
    private static readonly string[] OddJsonValues =
    [
        "null", "1", "true", "[]", "{}", "{\"$gt\":\"\"}", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uffff\"",
        "\"\\u202egnp.exe\"", "\"💩🧨\"", "\"" + string.Concat(Enumerable.Repeat("e\u0301", 3000)) + "\"",
        "\"'; DROP TABLE orders; --\"", "\"<script>alert(1)</script>\"", "\"\\\"quoted\\\"\"", "\"" + new string('n', 5000) + "\"",
    ];

    private const string Json = "application/json";

    private string NoSuchProduct() => $"{random.NextInt64():x16}ffffffff";

    private static string Bearer(string token) => "Bearer " + token;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];
}
