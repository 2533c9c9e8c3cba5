using System.Security.Claims;
using System.Security.Cryptography;
using MicroShop.Bench.Security;
using MicroShop.Gateway.Security;
using MicroShop.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace MicroShop.Tests.Security;

// The Gateway's token handler remembers the tokens that passed: one is not validated again (here, against parameters
// that would refuse it) until it expires or a minute has gone by, whichever comes first; a token that failed is
// validated again; and each request gets its own copy of the identity.
public sealed class RememberingTokenHandlerTests
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "microshop-test";

    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly ManualClock clock = new();
    private readonly RememberingTokenHandler handler;
    private readonly TokenIssuer issuer;

    public RememberingTokenHandlerTests()
    {
        handler = new RememberingTokenHandler(clock) { MapInboundClaims = false };
        issuer = new TokenIssuer(signingKey, Issuer, Audience);
    }

    [Fact]
    public async Task A_token_that_passed_is_accepted_again_without_its_signature_being_checked()
    {
        var token = issuer.Mint("customer-1");
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(signingKey))).IsValid);

        Assert.False((await new RememberingTokenHandler(clock).ValidateTokenAsync(token, ParametersWithAnotherKey())).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, ParametersWithAnotherKey())).IsValid);
    }

    [Fact]
    public async Task A_token_that_passed_is_validated_again_after_a_minute()
    {
        var token = issuer.Mint("customer-1");
        await handler.ValidateTokenAsync(token, Parameters(signingKey));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True((await handler.ValidateTokenAsync(token, ParametersWithAnotherKey())).IsValid);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await handler.ValidateTokenAsync(token, ParametersWithAnotherKey())).IsValid);
    }

    [Fact]
    public async Task A_token_that_passed_is_validated_again_once_it_expires()
    {
        var now = clock.GetUtcNow();
        var token = issuer.Mint(issuer.Claims("customer-1", [], now.AddMinutes(-1), now.AddSeconds(20)));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(signingKey))).IsValid);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.False((await handler.ValidateTokenAsync(token, ParametersWithAnotherKey())).IsValid);
    }

    [Fact]
    public async Task A_token_that_failed_is_validated_again()
    {
        var token = issuer.Mint("customer-1");
        Assert.False((await handler.ValidateTokenAsync(token, ParametersWithAnotherKey())).IsValid);

        Assert.True((await handler.ValidateTokenAsync(token, Parameters(signingKey))).IsValid);
    }

    [Fact]
    public async Task Each_request_gets_its_own_copy_of_the_identity()
    {
        var token = issuer.Mint("customer-1", TokenIssuer.AdminRole);
        var first = (await handler.ValidateTokenAsync(token, Parameters(signingKey))).ClaimsIdentity;
        var claims = first.Claims.Select(claim => (claim.Type, claim.Value)).ToList();
        var second = (await handler.ValidateTokenAsync(token, Parameters(signingKey))).ClaimsIdentity;

        first.AddClaim(new Claim("role", "owner"));
        second.AddClaim(new Claim("role", "auditor"));

        var third = (await handler.ValidateTokenAsync(token, Parameters(signingKey))).ClaimsIdentity;
        Assert.NotSame(first, third);
        Assert.NotSame(second, third);
        Assert.Equal("customer-1", third.FindFirst("sub")?.Value);
        Assert.Equal([TokenIssuer.AdminRole], third.FindAll("role").Select(claim => claim.Value));
        Assert.Equal(claims, third.Claims.Select(claim => (claim.Type, claim.Value)));
    }

    private static TokenValidationParameters Parameters(byte[] key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = new SymmetricSecurityKey(key),
    };

    private static TokenValidationParameters ParametersWithAnotherKey() => Parameters(RandomNumberGenerator.GetBytes(32));
}
