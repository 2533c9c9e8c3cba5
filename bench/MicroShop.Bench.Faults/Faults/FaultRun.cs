using System.Net.Http.Headers;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Faults;

// A steady order load at about half of saturation; one fault at a time (kill -9, down for a while, restart through
// the AppHost), each followed by a pause of the load in which the saga's invariants are checked; and a last check
// once every fault is over.
public sealed class FaultRun(FaultTarget target, FaultRunOptions options, Action<string> log)
{
    private const int ScarceStock = 200;
    private const double ScarceShare = 0.1;

    // Longer than the Gateway takes to refuse or to time out a call (its deadline), so that a request counts as
    // unanswered only when nothing answered it at all.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<FaultRunReport> RunAsync(CancellationToken cancellationToken)
    {
        using var gateway = new HttpClient { BaseAddress = target.Gateway, Timeout = RequestTimeout };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        var catalog = await CatalogSeeder.SeedAsync(gateway, ScarceStock, cancellationToken);
        await using var invariants = await SagaInvariants.ConnectAsync(target, catalog.InitialStock, cancellationToken);
        var deadLettersBefore = await invariants.CountDeadLettersAsync(cancellationToken);
        var load = new FaultLoad(gateway, new OrderMix(catalog, ScarceShare), catalog, options.Rate);
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = load.RunAsync(loadStop.Token);
        log($"fault run: {options.Rate} orders/s, {options.Faults.Count} faults, {options.Steady.TotalSeconds:F0} s of steady load before each");

        var results = new List<FaultResult>();
        foreach (var fault in options.Faults)
        {
            // Steady load: the fault strikes a system in its normal state of work, not an idle one.
            await Task.Delay(options.Steady, cancellationToken);
            var result = await InjectAsync(fault, load, invariants, deadLettersBefore, cancellationToken);
            results.Add(result);
            log(FaultTable.Describe(result));
        }

        await loadStop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The load's end.
        }

        await load.PauseAsync(cancellationToken);
        var accepted = load.Accepted.Keys.ToList();
        var final = await invariants.CheckSettledAsync(accepted, deadLettersBefore, options.SettleTimeout, cancellationToken);
        var replicas = new Dictionary<string, int>();
        foreach (var resource in new[] { "products", "orders" })
        {
            replicas[resource] = (await target.InstancesAsync(resource, cancellationToken)).Count;
        }

        return new FaultRunReport(options.Rate, replicas, results, final);
    }

    private async Task<FaultResult> InjectAsync(
        Fault fault, FaultLoad load, SagaInvariants invariants, long deadLettersBefore, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RecoveryTimeout);

        // With replicas, one of them dies and the others serve.
        var instance = (await target.InstancesAsync(fault.Resource, timeout.Token))[0];
        var hold = fault.WhileUnrelayed ? await invariants.HoldUnrelayedAsync(timeout.Token) : null;
        var acceptedBeforeKill = load.Accepted.Keys.ToList();
        var killedAt = DateTimeOffset.UtcNow;
        if (fault.Graceful)
        {
            await target.StopAsync(instance, timeout.Token);
        }
        else
        {
            await target.KillAsync(instance, timeout.Token);
        }

        var unrelayed = hold?.Rows ?? [];
        if (hold is not null)
        {
            await hold.DisposeAsync();
        }

        log($"{fault.Name}: {(fault.Graceful ? "stopped" : "killed")} {instance}" + (fault.WhileUnrelayed ? $" with {unrelayed.Length} outbox rows not relayed" : ""));

        var restartAt = killedAt + options.Down;
        if (restartAt > DateTimeOffset.UtcNow)
        {
            // The outage lasts a set time under load, whatever the kill took.
            await Task.Delay(restartAt - DateTimeOffset.UtcNow, timeout.Token);
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await target.StartAsync(instance, timeout.Token);
        var healthyAt = DateTimeOffset.UtcNow;
        var recoveredAt = await WaitForRecoveryAsync(load, invariants, restartedAt, timeout.Token);

        await load.PauseAsync(cancellationToken);
        // Everything sent since the kill, taken while the load is paused: what follows the resume is the next fault's.
        var sinceKill = load.Records.Where(record => record.SentAt >= killedAt).ToList();
        var accepted = load.Accepted.Keys.ToList();
        var report = await invariants.CheckSettledAsync(accepted, deadLettersBefore, options.SettleTimeout, cancellationToken);
        var inSaga = await invariants.CountSettledAfterAsync(acceptedBeforeKill, killedAt, cancellationToken);
        var published = unrelayed.Length == 0 ? 0 : await invariants.CountPublishedAsync(unrelayed, cancellationToken);
        load.Resume();

        var window = sinceKill.Where(record => record.SentAt <= healthyAt).ToList();
        var orders = window.Where(record => record.Kind == RequestKind.PlaceOrder).ToList();
        var reads = window.Where(record => record.Kind == RequestKind.ReadProduct).ToList();
        return new FaultResult(
            fault.Name,
            instance,
            (healthyAt - killedAt).TotalSeconds,
            (recoveredAt - restartedAt).TotalSeconds,
            orders.Count,
            orders.Count(record => record.Outcome == RequestOutcome.Served),
            orders.Count(record => record.Outcome == RequestOutcome.Refused),
            Percentiles.Summarize(orders.Where(record => record.Outcome == RequestOutcome.Refused).Select(record => record.LatencyMs)),
            reads.Count,
            reads.Count(record => record.Outcome == RequestOutcome.Served),
            Percentiles.Summarize(reads.Where(record => record.Outcome == RequestOutcome.Served).Select(record => record.LatencyMs)),
            // Errors up to the pause, not only until the instance is healthy: the first requests it takes belong to the fault.
            sinceKill.Where(record => record.Outcome == RequestOutcome.Error)
                .GroupBy(record => $"{record.Kind}: {record.Error}")
                .ToDictionary(group => group.Key, group => group.Count()),
            inSaga,
            load.Accepted.Count(order => order.Value >= killedAt && order.Value <= healthyAt),
            unrelayed.Length,
            published,
            report);
    }

    // The first order accepted after the restart that reached its outcome: the whole path works again.
    private static async Task<DateTimeOffset> WaitForRecoveryAsync(
        FaultLoad load, SagaInvariants invariants, DateTimeOffset restartedAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var since = load.Accepted.Where(order => order.Value >= restartedAt).Select(order => order.Key).ToList();
            try
            {
                if (since.Count > 0 && await invariants.FirstOutcomeAfterAsync(since, restartedAt, cancellationToken) is { } first)
                {
                    return first;
                }
            }
            catch (Exception exception) when (SagaInvariants.IsStoreUnreachable(exception))
            {
                // The orders database was the fault: the next poll opens a fresh connection.
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
