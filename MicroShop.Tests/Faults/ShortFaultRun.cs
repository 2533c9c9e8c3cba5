using MicroShop.Bench.Faults;
using MicroShop.Bench.Security;
using MicroShop.Tests.Infrastructure;

namespace MicroShop.Tests.Faults;

// The fault run scaled down for a test: a light load, short outages.
public static class ShortFaultRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static async Task<FaultRunReport> RunAsync(DistributedAppFixture fixture, IReadOnlyList<Fault> faults)
    {
        var options = FaultRunOptions.Default with
        {
            Rate = 20,
            Steady = TimeSpan.FromSeconds(5),
            Down = TimeSpan.FromSeconds(3),
            Faults = faults,
            AccessToken = fixture.Tokens.Mint($"fault-run-{Guid.NewGuid():N}", TokenIssuer.AdminRole),
        };
        using var timeout = new CancellationTokenSource(Timeout);
        var report = await new FaultRun(new FaultTarget(fixture.App), options, _ => { }).RunAsync(timeout.Token);
        await fixture.WaitUntilCallersSeeEverythingServingAsync();
        return report;
    }
}
