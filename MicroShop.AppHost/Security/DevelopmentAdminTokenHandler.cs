using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MicroShop.AppHost.Security;

// Sends the dashboard's calls to the Gateway's admin routes as staff: a short-lived token of the development issuer,
// signed with the key the AppHost gives the Gateway.
public sealed class DevelopmentAdminTokenHandler(ParameterResource signingKey) : DelegatingHandler
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = await signingKey.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter {signingKey.Name} has no value.");
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = DevelopmentTokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "aspire-dashboard", ["role"] = DevelopmentTokens.AdminRole },
            Expires = DateTime.UtcNow + Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        });
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
