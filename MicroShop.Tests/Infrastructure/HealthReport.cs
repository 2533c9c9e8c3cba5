using System.Text.Json;

namespace MicroShop.Tests.Infrastructure;

// A service's /health: its overall status and each check's, as the service defaults write it.
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, HealthEntry> Checks)
{
    // Orders' entry for orders stuck in PENDING: it reports on the saga, and has no say in whether Orders serves.
    public const string SagaCheck = "saga";

    // Every check that decides whether the service serves is Healthy. Orders stuck in PENDING, which other tests leave
    // behind on purpose (orders written straight into the database), do not count.
    public bool IsServing => Checks.Where(check => check.Key != SagaCheck).All(check => check.Value.Status == "Healthy");

    public static async Task<HealthReport> ReadAsync(HttpClient service)
    {
        using var response = await service.GetAsync("/health");
        var report = JsonSerializer.Deserialize<HealthReport>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web);
        return report ?? throw new InvalidOperationException("/health answered no report.");
    }

    public override string ToString() =>
        $"{Status} ({string.Join(", ", Checks.Select(check => $"{check.Key}: {check.Value.Status} {check.Value.Description}"))})";
}
