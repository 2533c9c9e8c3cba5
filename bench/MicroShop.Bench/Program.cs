// Orders per second and latency through the whole MicroShop system, beside the infrastructure's own limits.
//
//   dotnet run -c Release --project bench/MicroShop.Bench [-- options]
//
// Starts the application through its AppHost (local mode, fresh data) unless told where a running one is,
// measures, writes bench/results/latest.json and latest.svg, and stops what it started.
using MicroShop.Bench;
using MicroShop.Bench.Faults;
using MicroShop.Bench.Reporting;

if (args is ["--help" or "-h"])
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

if (args is ["--scorecard", .. var runs] && runs.Length > 0)
{
    var reports = new List<BenchReport>();
    foreach (var run in runs)
    {
        reports.Add(await ResultFiles.ReadAsync(run));
    }

    Console.Write(Scorecard.Render(reports));
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, RepositoryRoot.Find());
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    // The first Ctrl+C stops the run and still shuts the application down.
    eventArgs.Cancel = true;
    stop.Cancel();
};

if (options.Faults is { } faults)
{
    var faultReport = await BenchRun.StartAppAndRunFaultsAsync(options, faults, stop.Token);
    var table = FaultTable.Render(faultReport);
    Console.WriteLine();
    Console.WriteLine(table);
    Console.WriteLine($"results: {await ResultFiles.WriteFaultsAsync(faultReport, table, options.OutputDirectory)}");
    return faultReport.InvariantsHeld ? 0 : 1;
}

var report = await BenchRun.StartAppAndRunAsync(options, stop.Token);
Console.WriteLine();
Console.WriteLine(SummaryTable.Render(report));
var (json, chart) = await ResultFiles.WriteAsync(report, options.OutputDirectory);
Console.WriteLine($"results: {json}, {chart}");
return 0;
