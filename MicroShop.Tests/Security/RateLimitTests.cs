using System.Net;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Security;

// Per-client rate limits: a client without a token shares its address's limit; a user with a token has their own.
[Collection(ShortReservationExpiryCollection.Name)]
public sealed class RateLimitTests(ShortReservationExpiryFixture fixture)
{
    [Fact]
    public async Task A_client_over_its_limit_gets_a_problem_json_429_with_Retry_After_while_a_user_with_a_token_is_served_and_health_probes_are_not_limited()
    {
        using var anonymous = fixture.CreateGatewayClient();
        using var user = fixture.CreateGatewayClient($"user-{Guid.NewGuid():N}");

        // The limit's window may turn once while the requests go out: twice the limit and one more exhaust a window.
        HttpResponseMessage? refused = null;
        for (var sent = 0; sent <= 2 * ShortReservationExpiryFixture.AnonymousRateLimit && refused is null; sent++)
        {
            var response = await anonymous.GetAsync("/products?pageSize=1");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                response.Dispose();
                continue;
            }

            refused = response;
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        }

        using var served = await user.GetAsync("/products?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // The probes answer whatever the health is, never the limit.
        using var health = await anonymous.GetAsync("/health");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, health.StatusCode);
        using var alive = await anonymous.GetAsync("/alive");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, alive.StatusCode);
    }
}
