using System.Diagnostics;
using System.Globalization;
using MicroShop.Bench.Hosting;

namespace MicroShop.Bench.Load;

// Steps the offered order rate up until the system saturates, then runs past it at multiples of the saturation
// rate (overload), printing one progress line per second.
public sealed class LoadLadder(
    OrderMix mix, OrderSender sender, OutcomeTracker tracker, MemoryWatch memory, CpuWatch cpu, BenchOptions options)
{
    private const double SettledShare = 0.25;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(50);

    // Not measured: the first orders pay for connections, JIT and EF Core's model in every service. Measured
    // here, the services spend most of two cores on tiering up for the first 30 s of traffic, whatever its rate;
    // 45 s at a low rate lets the hot paths reach optimised (tier-1) code before the first step.
    private const int WarmUpRate = 10;
    private static readonly TimeSpan WarmUpDuration = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan WarmUpDrain = TimeSpan.FromSeconds(60);

    // Then a short climb through the ladder's own rates: each higher rate runs code a lower one never does (awaits
    // that now suspend, more pooled connections, refusals), and its first seconds are spent compiling it
    // (bench/JOURNAL.md, item 36). A process in service pays that once; without the climb every measured step paid it.
    // It ends after its second saturated step: the first can be that compiling itself.
    private static readonly TimeSpan ClimbStepDuration = TimeSpan.FromSeconds(5);
    private const int ClimbSaturatedSteps = 2;

    // Once the ladder saturates, the knee is looked for between the last step that kept up and the lowest that did not,
    // halving that gap until it is at most this wide: the ladder's own steps, 50 and 100/s apart near its top, would
    // otherwise understate the sustained rate by up to a step (bench/JOURNAL.md, item 66).
    private const int KneeResolution = 25;

    public async Task<LadderResult> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Rates.Count == 0)
        {
            return new LadderResult([], [], null, []);
        }

        var warmUp = await WarmUpAsync(cancellationToken);
        var results = await FindKneeAsync(
            await ClimbAsync(options.StepDuration, options.DrainTimeout, saturatedSteps: 1, cancellationToken), cancellationToken);

        if (options.OverloadMultiples.Count == 0)
        {
            return new LadderResult(warmUp, results, null, []);
        }

        // A ladder that never saturated (a short --smoke one) still runs the overload steps, from its top rate.
        var saturated = results.FirstOrDefault(step => step.Saturation is not null);
        var baseRate = saturated?.OfferedRate ?? results[^1].OfferedRate;
        Console.WriteLine(saturated is null
            ? $"overload, from the ladder's top rate {baseRate}/s (it never saturated):"
            : $"overload, from the saturation rate {baseRate}/s:");
        var overload = new List<StepResult>();
        foreach (var multiple in options.OverloadMultiples)
        {
            // Past saturation by design: these steps never stop the run.
            var result = await RunStepAsync(
                new StepRecorder(multiple * baseRate), options.OverloadDuration, options.DrainTimeout, cancellationToken);
            overload.Add(result);
            Console.WriteLine($"{multiple}x {Describe(result)}");
        }

        return new LadderResult(warmUp, results, baseRate, overload);
    }

    private async Task<IReadOnlyList<StepResult>> WarmUpAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("warm-up (not measured):");
        var first = await RunAndDescribeAsync(WarmUpRate, WarmUpDuration, WarmUpDrain, cancellationToken);
        return [first, .. await ClimbAsync(ClimbStepDuration, WarmUpDrain, ClimbSaturatedSteps, cancellationToken)];
    }

    // The ladder's rates in order, each for the same time, until this many of them have saturated.
    private async Task<List<StepResult>> ClimbAsync(
        TimeSpan duration, TimeSpan drainTimeout, int saturatedSteps, CancellationToken cancellationToken)
    {
        var steps = new List<StepResult>();
        var saturated = 0;
        foreach (var rate in options.Rates)
        {
            var step = await RunAndDescribeAsync(rate, duration, drainTimeout, cancellationToken);
            steps.Add(step);
            if (step.Saturation is not null && ++saturated == saturatedSteps)
            {
                break;
            }
        }

        return steps;
    }

    // The ladder's steps in order of rate, with the ones run between the last that kept up and the lowest that saturated.
    private async Task<List<StepResult>> FindKneeAsync(List<StepResult> steps, CancellationToken cancellationToken)
    {
        while (steps.Where(step => step.Saturation is not null).MinBy(step => step.OfferedRate) is { } saturated)
        {
            // A ladder whose first step saturated (a single rate, as bench/compare.sh runs) has no knee to look for.
            var keptUp = steps.Where(step => step.Saturation is null && step.OfferedRate < saturated.OfferedRate)
                .Select(step => step.OfferedRate).DefaultIfEmpty(0).Max();
            if (keptUp == 0 || saturated.OfferedRate - keptUp <= KneeResolution)
            {
                break;
            }

            Console.WriteLine($"knee between {keptUp}/s and {saturated.OfferedRate}/s:");
            steps.Add(await RunAndDescribeAsync(
                (keptUp + saturated.OfferedRate) / 2, options.StepDuration, options.DrainTimeout, cancellationToken));
        }

        return [.. steps.OrderBy(step => step.OfferedRate)];
    }

    private async Task<StepResult> RunAndDescribeAsync(int rate, TimeSpan duration, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var step = await RunStepAsync(new StepRecorder(rate), duration, drainTimeout, cancellationToken);
        Console.WriteLine(Describe(step));
        return step;
    }

    private async Task<StepResult> RunStepAsync(
        StepRecorder step, TimeSpan duration, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var peaks = new Dictionary<string, double>();
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        var progress = ReportProgressAsync(step, started, peaks, progressStop.Token);

        var cpuAtStart = cpu.Sample();
        await ArrivalStep.SendAsync(step, mix, sender, duration, options.MaxInFlight, cancellationToken);
        var cpuUse = cpu.Sample().Since(cpuAtStart, step.Sent);
        var endedAt = DateTimeOffset.UtcNow;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var drainStarted = Stopwatch.GetTimestamp();
        while ((step.InFlight > 0 || step.AwaitingOutcome > 0) && Stopwatch.GetElapsedTime(drainStarted) < drainTimeout)
        {
            await Task.Delay(DrainPoll, cancellationToken);
        }

        tracker.Forget(step);
        await progressStop.CancelAsync();
        await progress;

        var outcomes = step.Outcomes();
        var accepted = step.AcceptLatencies().Length;
        var refused = step.RefusalCount;
        // Outcomes trail their orders by the saga's latency, so the step's first part is the pipeline filling:
        // the rate is counted over the rest of the step, where a system that keeps up settles what arrives.
        var countedFrom = startedAt + (endedAt - startedAt) * SettledShare;
        var achieved = outcomes.Count(outcome => outcome.RecordedAt >= countedFrom && outcome.RecordedAt <= endedAt)
            / (endedAt - countedFrom).TotalSeconds;
        var latency = Percentiles.Summarize(outcomes.Select(outcome => outcome.LatencyMs));
        // Requests still in flight after the drain never answered in time: they count as timeouts.
        var errors = new Dictionary<string, int>(step.Errors);
        if (step.InFlight > 0)
        {
            errors["no answer by drain end"] = (int)step.InFlight;
        }

        var unresolved = step.AwaitingOutcome;
        return new StepResult(
            step.OfferedRate,
            seconds,
            step.Sent,
            step.Dropped,
            accepted,
            refused,
            errors,
            accepted / seconds,
            refused / seconds,
            achieved,
            outcomes.Count(outcome => outcome.Status == "PRODUCT_RESERVED"),
            outcomes.Count(outcome => outcome.Status == "FAILED"),
            unresolved,
            latency,
            Percentiles.Summarize(step.AcceptLatencies()),
            Percentiles.Summarize(step.RefusalLatencies()),
            peaks,
            cpuUse,
            Saturation.Diagnose(
                step.OfferedRate, step.Sent, step.Dropped, errors.Values.Sum(), refused, achieved, accepted, unresolved, latency.P99));
    }

    private async Task ReportProgressAsync(StepRecorder step, long started, Dictionary<string, double> peaks, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Sample(peaks);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var outcomes = step.Outcomes();
                var p99 = Percentiles.Of([.. outcomes.Select(outcome => outcome.LatencyMs).Order()], 99);
                var rss = string.Join(" ", peaks.Select(peak => $"{peak.Key} {peak.Value:F0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{step.OfferedRate,4}/s {elapsed,5:F0}s] sent {step.Sent / elapsed,6:F0}/s  outcomes {outcomes.Length / elapsed,6:F0}/s  " +
                    $"in-flight {step.InFlight,5}  awaiting {step.AwaitingOutcome,5}  p99 {p99,7:F1} ms  " +
                    $"refused {step.RefusalCount,5}  errors {step.ErrorCount,5}  dropped {step.Dropped,5}  rss MiB {rss}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The step and its drain are over.
        }

        Sample(peaks);
    }

    private void Sample(Dictionary<string, double> peaks)
    {
        foreach (var (service, resident) in memory.SampleResidentMiB())
        {
            peaks[service] = Math.Max(peaks.GetValueOrDefault(service), resident);
        }
    }

    private static string Describe(StepResult step)
    {
        var latency = step.OutcomeLatency;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"=> {step.OfferedRate}/s: accepted {step.AcceptedPerSecond:F0}/s, outcomes {step.AchievedPerSecond:F0}/s " +
            $"(reserved {step.Reserved}, failed {step.Failed}, unresolved {step.Unresolved}), " +
            $"outcome p50/p95/p99/max {latency.P50:F1}/{latency.P95:F1}/{latency.P99:F1}/{latency.Max:F1} ms, " +
            $"POST p99 {step.AcceptLatency.P99:F1} ms, refused {step.RefusedPerSecond:F0}/s (p99 {step.RefusalLatency.P99:F1} ms), " +
            $"errors {step.Errors.Values.Sum()}, dropped {step.Dropped}");
        return step.Saturation is null ? line : $"{line}; saturated: {step.Saturation}";
    }
}
