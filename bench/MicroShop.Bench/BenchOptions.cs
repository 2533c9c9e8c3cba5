using System.Globalization;
using MicroShop.Bench.Faults;
using MicroShop.Bench.Floor;
using MicroShop.Bench.Hosting;

namespace MicroShop.Bench;

// Everything a run can be told on the command line. Without --gateway the tool starts the application itself.
public sealed record BenchOptions(
    IReadOnlyList<int> Rates,
    TimeSpan StepDuration,
    IReadOnlyList<int> OverloadMultiples,
    TimeSpan OverloadDuration,
    TimeSpan DrainTimeout,
    TimeSpan FloorDuration,
    int FloorWorkers,
    TimeSpan IdleDuration,
    int MaxInFlight,
    double ScarceShare,
    int ScarceStock,
    OutcomeSourceKind Outcomes,
    TimeSpan OutcomePollInterval,
    string OutputDirectory,
    BenchTarget? External,
    int Replicas,
    int? MaxPendingOrders,
    FaultRunOptions? Faults)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/MicroShop.Bench -- [options]

          --rates 50,100,...       offered orders/s, one step each until one saturates (default
                                   50,100,150,200,250,300,350,400,500,600,800); then steps halfway between the
                                   last that kept up and the lowest that saturated, until they are 25/s apart
                                   (none if the first step saturates)
          --step-seconds S         length of each step (default 15)
          --idle-seconds S         how long the idle cost of every part is measured, after the load (default 20)
          --overload-seconds S     length of each overload step, run after the ladder at 2x and 4x the rate of
                                   its lowest saturated step (default 30)
          --no-overload            stop after the ladder, without the overload steps
          --floor-seconds S        length of each floor measurement (default 8)
          --floor-workers N        operations each floor keeps in flight (default 32)
          --max-in-flight N        requests in flight before sends are dropped (default 2000)
          --scarce-share F         share of orders that also take a scarce product (default 0.1)
          --outcomes db|gateway    read outcomes from the orders table (default) or poll GET /orders/{id}
          --smoke                  a few seconds per step, per floor and per overload step: checks the tool,
                                   measures nothing
          --floors-only            the infrastructure's limits and the read paths, without the order ladder
          --output DIR             where latest.json and latest.svg go (default bench/results)
          --replicas N             instances of Products and of Orders (default 1)
          --max-pending-orders N   Orders' admission bound, passed to the AppHost (default: the AppHost's, 200)

        The fault run, instead of the ladder (the tool starts the application):
          --faults all|LIST        kill -9 and restart, one at a time under a steady load, each of the resources
                                   named (products,orders,gateway,rabbitmq,postgres,mongodb; all: every one;
                                   restart-products,restart-orders: a graceful stop and start instead) and
                                   check the saga's invariants after each; writes faults.json and faults.md
          --fault-rate N           orders/s of the steady load (default 100, about half of saturation)
          --fault-steady-seconds S load before each fault (default 15)
          --fault-down-seconds S   how long a killed resource stays down before its restart (default 5)

        Runs already made, compared instead of measuring:
          --scorecard RUN.json...  the issue's figures over these runs (their latest.json, or the copies in
                                   bench/results): in how many each met its target, its lowest, median, highest

        Against an application that is already running (otherwise the tool starts it through Aspire, local mode):
          --gateway URL --products URL --rabbitmq URI --rabbitmq-management URL --postgres CONNSTR --mongodb URI
          --token JWT              an admin token for its Gateway (eng/token.sh bench admin)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var smoke = false;
        var floorsOnly = false;
        var overload = true;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--smoke")
            {
                smoke = true;
                continue;
            }

            if (name == "--floors-only")
            {
                floorsOnly = true;
                continue;
            }

            if (name == "--no-overload")
            {
                overload = false;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            values[name[2..]] = args[++i];
        }

        string? Value(string name) => values.Remove(name, out var value) ? value : null;
        double Seconds(string name, double fallback) =>
            Value(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var options = new BenchOptions(
            Rates: floorsOnly ? []
                : Value("rates") is { } rates
                ? [.. rates.Split(',').Select(rate => int.Parse(rate, CultureInfo.InvariantCulture))]
                : smoke ? [20, 50] : [50, 100, 150, 200, 250, 300, 350, 400, 500, 600, 800],
            StepDuration: TimeSpan.FromSeconds(Seconds("step-seconds", smoke ? 3 : 15)),
            // Twice and four times the saturation rate: past the limit, where shedding load has to keep goodput up.
            OverloadMultiples: overload && !floorsOnly ? [2, 4] : [],
            OverloadDuration: TimeSpan.FromSeconds(Seconds("overload-seconds", smoke ? 3 : 30)),
            DrainTimeout: TimeSpan.FromSeconds(smoke ? 3 : 5),
            FloorDuration: TimeSpan.FromSeconds(Seconds("floor-seconds", smoke ? 2 : 8)),
            FloorWorkers: Value("floor-workers") is { } workers ? int.Parse(workers, CultureInfo.InvariantCulture) : FloorSuite.DefaultWorkers,
            IdleDuration: TimeSpan.FromSeconds(Seconds("idle-seconds", smoke ? 3 : 20)),
            MaxInFlight: Value("max-in-flight") is { } cap ? int.Parse(cap, CultureInfo.InvariantCulture) : 2000,
            ScarceShare: Seconds("scarce-share", 0.1),
            ScarceStock: 100,
            Outcomes: Value("outcomes") switch
            {
                null or "db" => OutcomeSourceKind.OrdersTable,
                "gateway" => OutcomeSourceKind.GatewayPolling,
                var other => throw new ArgumentException($"Unknown outcome source '{other}': use db or gateway."),
            },
            OutcomePollInterval: TimeSpan.FromMilliseconds(100),
            OutputDirectory: Value("output") is { } output
                ? Path.GetFullPath(output)
                : Path.Combine(repositoryRoot, "bench", "results"),
            External: BenchTarget.FromArguments(
                Value("gateway"), Value("products"), Value("rabbitmq"), Value("rabbitmq-management"), Value("postgres"), Value("mongodb"), Value("token")),
            Replicas: Value("replicas") is { } replicas ? int.Parse(replicas, CultureInfo.InvariantCulture) : 1,
            MaxPendingOrders: Value("max-pending-orders") is { } bound ? int.Parse(bound, CultureInfo.InvariantCulture) : null,
            Faults: Value("faults") is { } faults
                ? FaultRunOptions.Default with
                {
                    Faults = faults == "all" ? Fault.All : Fault.Named(faults.Split(',')),
                    Rate = Value("fault-rate") is { } rate ? int.Parse(rate, CultureInfo.InvariantCulture) : FaultRunOptions.Default.Rate,
                    Steady = TimeSpan.FromSeconds(Seconds("fault-steady-seconds", FaultRunOptions.Default.Steady.TotalSeconds)),
                    Down = TimeSpan.FromSeconds(Seconds("fault-down-seconds", FaultRunOptions.Default.Down.TotalSeconds)),
                }
                : null);

        if (options.MaxPendingOrders is not null && options.External is not null)
        {
            throw new ArgumentException("--max-pending-orders is given to the AppHost: it applies only when the tool starts the application.");
        }

        if (options.Faults is not null && options.External is not null)
        {
            throw new ArgumentException("--faults kills and restarts resources through the AppHost: it starts the application itself.");
        }

        if (options.FloorWorkers < 1)
        {
            throw new ArgumentException("--floor-workers needs at least one operation in flight.");
        }

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}.");
        }

        return options;
    }
}
