using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using MicroShop.Bench.Faults;
using MicroShop.Bench.Floor;
using MicroShop.Bench.Hosting;
using MicroShop.Bench.Load;
using MicroShop.Bench.Reporting;
using Npgsql;

namespace MicroShop.Bench;

// One run against a running application: seed, floors, the order ladder and its overload steps, then the report.
public sealed class BenchRun(BenchOptions options, BenchTarget target, string targetDescription)
{
    // Long enough for a slow answer under overload to count as slow, short enough that a hung one counts as an error.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(90);

    // By the end of the idle measurement every accepted order has long settled; this only bounds a check that fails.
    private static readonly TimeSpan InvariantsTimeout = TimeSpan.FromSeconds(30);

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        using var gateway = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = target.Gateway,
            Timeout = RequestTimeout,
        };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.AccessToken);

        var services = ServiceProcesses.Find(AspireApp.Services, target.ResourcePids);
        var memory = new MemoryWatch(services);
        // Aspire's pids cover the servers too; an application started elsewhere shows only its services, by name.
        var cpu = new CpuWatch(services
            .Concat(target.ResourcePids.Where(resource => !services.ContainsKey(resource.Key)))
            .ToDictionary(resource => resource.Key, resource => resource.Value));
        Console.WriteLine($"target: gateway {target.Gateway}, products {target.Products}; service pids: " +
            string.Join(", ", services.Select(service => $"{service.Key} {service.Value}")));

        var catalog = await CatalogSeeder.SeedAsync(gateway, options.ScarceStock, cancellationToken);
        Console.WriteLine($"seeded {catalog.Plentiful.Count} plentiful products and one with {options.ScarceStock} in stock");
        await using var invariants = SagaInvariants.Connect(
            target.Postgres, target.MongoDb, target.RabbitMq, target.BrokerManagement, catalog.InitialStock);
        var deadLettersBefore = await invariants.CountDeadLettersAsync(cancellationToken);

        await QuietMachine.WaitAsync(cpu, QuietTimeout, cancellationToken);
        var floors = await FloorSuite.RunAsync(
            target, gateway, catalog.Plentiful, options.FloorDuration, options.FloorWorkers, cpu, cancellationToken);

        var (load, accepted) = await RunLoadAsync(catalog, gateway, memory, cpu, cancellationToken);

        // What every part costs with no traffic at all, once the load has drained and the JIT has settled: background
        // work (polls, scans, probes, heartbeats) that the CPU per order hides at high rates and inflates at low ones.
        await Task.Delay(IdleSettle, cancellationToken);
        var idleStart = cpu.Sample();
        await Task.Delay(options.IdleDuration, cancellationToken);
        var idle = cpu.Sample().Since(idleStart, 0).Cores;
        Console.WriteLine("idle cores: " + string.Join(", ", idle.Select(part => string.Create(CultureInfo.InvariantCulture, $"{part.Key} {part.Value:F3}"))));

        // What the saga promises, over every order of the run, overload included: checked last, so that reading the
        // stores costs none of the figures above.
        var held = await invariants.CheckSettledAsync(accepted, deadLettersBefore, InvariantsTimeout, cancellationToken);
        Console.WriteLine($"saga invariants over {held.Orders} accepted orders: {held.Describe()}");

        var settings = new BenchSettings(
            options.Rates, options.StepDuration.TotalSeconds, options.OverloadMultiples, options.OverloadDuration.TotalSeconds,
            options.FloorDuration.TotalSeconds, options.FloorWorkers, options.MaxInFlight,
            options.ScarceShare, options.ScarceStock, options.Outcomes.ToString(), targetDescription, options.MaxPendingOrders);
        return new BenchReport(
            DateTimeOffset.UtcNow,
            MachineInfo.Current(),
            settings,
            SummaryCalculator.Summarize(floors, load, memory.LifetimePeakMiB()),
            idle,
            floors,
            load.WarmUpSteps,
            load.Steps,
            load.OverloadSteps,
            held);
    }

    private async Task<(LadderResult Load, IReadOnlyCollection<Guid> Accepted)> RunLoadAsync(
        SeededCatalog catalog, HttpClient gateway, MemoryWatch memory, CpuWatch cpu, CancellationToken cancellationToken)
    {
        await using var outcomes = CreateOutcomeSource(gateway);
        await using var tracker = new OutcomeTracker(outcomes, options.OutcomePollInterval);
        tracker.Start();
        var ladder = new LoadLadder(
            new OrderMix(catalog, options.ScarceShare), new OrderSender(gateway, tracker), tracker, memory, cpu, options);
        var load = await ladder.RunAsync(cancellationToken);
        if (tracker.ReadFailures > 0)
        {
            Console.WriteLine($"warning: {tracker.ReadFailures} outcome reads failed and were retried");
        }

        return (load, tracker.Accepted);
    }

    private IOutcomeSource CreateOutcomeSource(HttpClient gateway) => options.Outcomes switch
    {
        OutcomeSourceKind.OrdersTable => new OrdersTableOutcomes(NpgsqlDataSource.Create(target.Postgres)),
        _ => new GatewayPollingOutcomes(gateway),
    };

    public static async Task<BenchReport> StartAppAndRunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.External is { } external)
        {
            return await new BenchRun(options, external, "an application already running").RunAsync(cancellationToken);
        }

        Console.WriteLine("starting the application through Aspire (local mode, fresh data)...");
        var starting = Stopwatch.StartNew();
        await using var app = await AspireApp.StartAsync(options.Replicas, options.MaxPendingOrders, cancellationToken);
        Console.WriteLine($"application healthy after {starting.Elapsed.TotalSeconds:F0} s");
        var target = await app.DescribeAsync(cancellationToken);
        return await new BenchRun(options, target, "started by the tool through Aspire, local mode").RunAsync(cancellationToken);
    }

    public static async Task<FaultRunReport> StartAppAndRunFaultsAsync(BenchOptions options, FaultRunOptions faults, CancellationToken cancellationToken)
    {
        Console.WriteLine("starting the application through Aspire (local mode, fresh data)...");
        await using var app = await AspireApp.StartAsync(options.Replicas, options.MaxPendingOrders, cancellationToken);
        return await new FaultRun(app.CreateFaultTarget(), faults with { AccessToken = app.AdminToken }, Console.WriteLine).RunAsync(cancellationToken);
    }
}
