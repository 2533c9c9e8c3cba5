using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MicroShop.Bench.Security;

// The Gateway's development issuer, for whoever starts the application: it hands the AppHost a fresh signing key
// (AppHostArguments) and mints HS256 tokens the Gateway then accepts, as `eng/token.sh` does from a shell.
public sealed class TokenIssuer(byte[] signingKey, string issuer, string audience)
{
    // The Gateway's staff role (MicroShop.Gateway.Security.AccessPolicies.AdminRole, AppHost's DevelopmentTokens.AdminRole).
    public const string AdminRole = "admin";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static TokenIssuer WithNewKey(string issuer, string audience) => new(RandomNumberGenerator.GetBytes(32), issuer, audience);

    // The AppHost's signing key parameter (MicroShop.AppHost.Security.DevelopmentTokens), on its command line.
    public IReadOnlyList<string> AppHostArguments(string signingKeyParameter) =>
        [$"--Parameters:{signingKeyParameter}", Convert.ToBase64String(signingKey)];

    public string Mint(string subject, params string[] roles)
    {
        var now = DateTimeOffset.UtcNow;
        return Mint(Claims(subject, roles, now, now + Lifetime));
    }

    // A token's claims as this issuer writes them, for a caller that changes some before minting.
    public Dictionary<string, object> Claims(string subject, IReadOnlyList<string> roles, DateTimeOffset notBefore, DateTimeOffset expires) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = subject,
        ["role"] = roles,
        ["iat"] = notBefore.ToUnixTimeSeconds(),
        ["nbf"] = notBefore.ToUnixTimeSeconds(),
        ["exp"] = expires.ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
    };

    public string Mint(IReadOnlyDictionary<string, object> claims) => Sign(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" }, claims, signingKey);

    // header.payload.signature, each base64url: any header, so that a test can also sign what no issuer should.
    public static string Sign(IReadOnlyDictionary<string, object> header, IReadOnlyDictionary<string, object> claims, byte[] key)
    {
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        return $"{signingInput}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public static string Encode(IReadOnlyDictionary<string, object> part) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));
}
