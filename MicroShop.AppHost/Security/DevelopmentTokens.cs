namespace MicroShop.AppHost.Security;

// The Gateway's local token issuer: tokens signed (HS256) with the AppHost's secret parameter, for local runs, tests and
// the bench (`eng/token.sh` mints one). A real issuer replaces it through configuration (README, "Security").
public static class DevelopmentTokens
{
    public const string Issuer = "microshop-dev";
    public const string Audience = "microshop";
    public const string AdminRole = "admin";

    // The parameter holding the base64 signing key: generated once per machine into the AppHost's user secrets, or
    // given as `--Parameters:gateway-signing-key <base64>` (the tests and the bench do).
    public const string SigningKeyParameter = "gateway-signing-key";
}
