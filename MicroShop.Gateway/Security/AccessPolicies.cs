using Microsoft.AspNetCore.Authorization;

namespace MicroShop.Gateway.Security;

// Who may call what, in one place. Every route names one of these policies or is explicitly anonymous (the catalog's
// reads, health, the OpenAPI document and its UI); an order's owner is checked by the order routes themselves.
public static class AccessPolicies
{
    // Any authenticated user (a token with a subject): places orders and sees and cancels their own.
    public const string Customer = nameof(Customer);

    // Shop staff: the catalog's writes, every user's orders and their confirmation and completion, the admin routes.
    public const string Admin = nameof(Admin);

    public const string AdminRole = "admin";

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization) =>
        authorization
            .AddPolicy(Customer, policy => policy.RequireClaim(Caller.SubjectClaim))
            .AddPolicy(Admin, policy => policy.RequireClaim(Caller.SubjectClaim).RequireRole(AdminRole));
}
