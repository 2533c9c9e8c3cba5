namespace MicroShop.Gateway.Security;

// Per-client fairness (`Gateway:RateLimits`): requests per fixed window for each authenticated user, and for each client
// address without a valid token. Admission control's 503s protect the shop as a whole; these keep one client from
// taking more than its share.
public sealed class ClientRateLimits
{
    public const string SectionName = "Gateway:RateLimits";

    public int UserPermitLimit { get; set; } = 200;

    public int AddressPermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
