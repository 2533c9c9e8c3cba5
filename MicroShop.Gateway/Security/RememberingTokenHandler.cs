using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MicroShop.Gateway.Security;

// Validating a bearer token (reading its JSON, checking its signature, making its claims) was half of what the Gateway
// allocated per request under load (journal item 72), though a client sends the same token with every request until it
// expires. So a token that passed is remembered by its text, as Envoy's JWT filter does, until it expires and for a
// minute at most: a signing key taken out of configuration, or out of the issuer's metadata, stops being honoured within
// that minute. Failures are not remembered (anyone could fill the cache with them), and at most `Capacity` tokens are:
// a token that finds the cache full is validated again until the cache has made room (dropping the least used).
// Each request gets its own copy of the identity, so that whatever changes one request's (a claims transformation)
// cannot reach another's.
public sealed class RememberingTokenHandler(TimeProvider timeProvider) : JsonWebTokenHandler
{
    private const int Capacity = 4096;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly MemoryCache validated = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new Clock(timeProvider) });

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
        validated.TryGetValue(token, out TokenValidationResult? remembered)
            ? Task.FromResult(ForRequest(remembered!))
            : ValidateAndRememberAsync(token, validationParameters);

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            Remember(token, result);
        }

        return result;
    }

    // A token accepted within the clock skew after its expiry is not remembered at all.
    private void Remember(string token, TokenValidationResult result)
    {
        var now = timeProvider.GetUtcNow();
        var expires = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero);
        if (expires <= now)
        {
            return;
        }

        // A copy: the identity handed to this request is its own too.
        validated.Set(token, ForRequest(result), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpiration = expires < now + MaxAge ? expires : now + MaxAge,
        });
    }

    private static TokenValidationResult ForRequest(TokenValidationResult remembered) => new()
    {
        IsValid = true,
        ClaimsIdentity = remembered.ClaimsIdentity.Clone(),
        SecurityToken = remembered.SecurityToken,
        Issuer = remembered.Issuer,
        TokenType = remembered.TokenType,
    };

    private sealed class Clock(TimeProvider timeProvider) : ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
