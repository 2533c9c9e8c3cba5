using System.Text.Json;

using MicroShop.Bench.Faults;

namespace MicroShop.Bench.Reporting;

// A run's results on disk: written at its end, read back to compare runs (the scorecard).
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // latest.json (everything measured) and latest.svg (the ladder's chart).
    public static async Task<(string Json, string Chart)> WriteAsync(BenchReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, "latest.json");
        var chartPath = Path.Combine(directory, "latest.svg");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, Json));
        var title = $"MicroShop saga: POST /orders to outcome, {report.Machine.Cores} cores, {report.FinishedAt:yyyy-MM-dd}";
        await File.WriteAllTextAsync(chartPath, LatencyChart.Render(report, title));
        return (jsonPath, chartPath);
    }

    public static async Task<BenchReport> ReadAsync(string jsonPath)
    {
        await using var file = File.OpenRead(jsonPath);
        return await JsonSerializer.DeserializeAsync<BenchReport>(file, Json)
            ?? throw new InvalidDataException($"{jsonPath} holds no bench report.");
    }

    // faults.json (everything measured) and faults.md (the table), kept apart from the ladder's results.
    public static async Task<string> WriteFaultsAsync(FaultRunReport report, string table, string directory)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, "faults.json");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { FinishedAt = DateTimeOffset.UtcNow, Machine = MachineInfo.Current(), report }, Json));
        await File.WriteAllTextAsync(Path.Combine(directory, "faults.md"), table);
        return jsonPath;
    }
}
