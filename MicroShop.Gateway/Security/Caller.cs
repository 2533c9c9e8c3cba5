using System.Security.Claims;

namespace MicroShop.Gateway.Security;

// The authenticated user as the order routes see them: their id is the token's subject.
public static class Caller
{
    public const string SubjectClaim = "sub";

    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(SubjectClaim) ?? throw new InvalidOperationException("An authenticated caller has no subject.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(AccessPolicies.AdminRole);

    // Staff act for any user; a customer only for themselves.
    public static bool MayActFor(this ClaimsPrincipal user, string userId) => user.IsAdmin() || user.Id() == userId;
}
