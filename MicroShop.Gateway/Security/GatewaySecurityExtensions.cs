using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroShop.Gateway.Security;

public static class GatewaySecurityExtensions
{
    // Bearer tokens as ASP.NET Core configures them (`Authentication:Schemes:Bearer`: ValidIssuer, ValidAudiences and
    // SigningKeys, or an OIDC Authority), the access policies, and the per-client rate limits.
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // Claims as the issuer named them: `sub` is the user, `role` (or the issuer's own claim, for example
                // Entra ID's `roles`) the roles.
                options.MapInboundClaims = false;
                var parameters = options.TokenValidationParameters;
                parameters.NameClaimType = Caller.SubjectClaim;
                parameters.RoleClaimType = builder.Configuration["Authentication:Schemes:Bearer:RoleClaimType"] ?? "role";
                // Never accept a token whose issuer or audience was not checked, even if configuration names neither.
                parameters.ValidateIssuer = true;
                parameters.ValidateAudience = true;
                parameters.ClockSkew = TimeSpan.FromSeconds(30);
                // The Gateway passes no token on (it names the user in its calls to the services), so none is kept in
                // each request's authentication properties.
                options.SaveToken = false;
            });
        // What each request pays for, done once the options are complete (configuration included).
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<TimeProvider>((options, timeProvider) =>
        {
            // The keys read from `SigningKeys` come as a lazy sequence, which every request's copy of the parameters
            // walked again: a configuration lookup and a new key per request. Read once.
            options.TokenValidationParameters.IssuerSigningKeys = options.TokenValidationParameters.IssuerSigningKeys?.ToList();
            // A token that passed is not validated again with each request (RememberingTokenHandler says for how long).
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new RememberingTokenHandler(timeProvider) { MapInboundClaims = options.MapInboundClaims });
        });
        builder.Services.AddAuthorizationBuilder().AddAccessPolicies();

        builder.Services.AddOptions<ClientRateLimits>().BindConfiguration(ClientRateLimits.SectionName);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ClientRateLimits>>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits.Value));
            options.OnRejected = (rejection, _) => Reject(rejection);
        });
        return builder;
    }

    // After authentication, so that a user's requests count as theirs from any address; anonymous ones (and those whose
    // token failed) count against their address.
    private static RateLimitPartition<string> Partition(HttpContext context, ClientRateLimits limits) =>
        context.User.FindFirstValue(Caller.SubjectClaim) is { } userId
            ? FixedWindow($"user:{userId}", limits.UserPermitLimit, limits.Window)
            : FixedWindow($"address:{context.Connection.RemoteIpAddress ?? IPAddress.None}", limits.AddressPermitLimit, limits.Window);

    private static RateLimitPartition<string> FixedWindow(string key, int permitLimit, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        });

    private static ValueTask Reject(OnRejectedContext rejection)
    {
        if (rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            RetryAfter.Apply(rejection.HttpContext.Response, retryAfter);
        }

        var problem = TypedResults.Problem(
            detail: "Too many requests from this client. Try again after the time in Retry-After.",
            statusCode: StatusCodes.Status429TooManyRequests);
        return new ValueTask(problem.ExecuteAsync(rejection.HttpContext));
    }
}
