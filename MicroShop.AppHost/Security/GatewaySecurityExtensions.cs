using MicroShop.AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace MicroShop.AppHost.Security;

public static class GatewaySecurityExtensions
{
    private const string Bearer = "Authentication__Schemes__Bearer__";

    // Who issues the Gateway's tokens: a real issuer (`--auth-authority https://… --auth-audience api://…`), or else the
    // development issuer with its generated signing key.
    public static IResourceBuilder<ProjectResource> WithTokenIssuer(this IResourceBuilder<ProjectResource> gateway)
    {
        var builder = gateway.ApplicationBuilder;
        if (builder.Configuration["auth-authority"] is { Length: > 0 } authority)
        {
            return gateway
                .WithEnvironment(Bearer + "Authority", authority)
                .WithEnvironment(Bearer + "ValidAudiences__0", builder.Configuration["auth-audience"] ?? DevelopmentTokens.Audience);
        }

        // 44 characters of letters and digits are valid base64 (33 bytes, 264 bits): what SigningKeys:Value expects.
        var signingKey = builder.AddParameter(
            DevelopmentTokens.SigningKeyParameter,
            new GenerateParameterDefault { MinLength = 44, Special = false },
            secret: true,
            persist: true);
        return gateway
            .WithEnvironment(Bearer + "ValidIssuer", DevelopmentTokens.Issuer)
            .WithEnvironment(Bearer + "ValidAudiences__0", DevelopmentTokens.Audience)
            .WithEnvironment(Bearer + "SigningKeys__0__Issuer", DevelopmentTokens.Issuer)
            .WithEnvironment(Bearer + "SigningKeys__0__Value", signingKey);
    }

    // The Gateway's per-client rate limits keep their production defaults unless raised (`--user-rate-limit 100000`):
    // the bench sends a thousand orders a second as one user from one address.
    public static IResourceBuilder<ProjectResource> WithRateLimits(this IResourceBuilder<ProjectResource> gateway) =>
        gateway
            .WithOptionAsSetting("user-rate-limit", "Gateway__RateLimits__UserPermitLimit")
            .WithOptionAsSetting("address-rate-limit", "Gateway__RateLimits__AddressPermitLimit");
}
