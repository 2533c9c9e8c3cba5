using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroShop.ServiceDefaults.ServiceCalls;

// Asks each service this one calls, several times a second while it is in use (ProbeSchedule), whether it can serve
// (grpc.health.v1, the "serving" service: its database, not its broker). No answer within the probe timeout counts as
// away: a stopped process behind a proxy accepts connections and never answers, and only a deadline tells.
public sealed partial class ServiceProbe(
    ServiceAvailability availability,
    GrpcClientFactory clientFactory,
    IOptions<ServiceCallOptions> options,
    ILogger<ServiceProbe> logger) : BackgroundService
{
    private const int FailedProbesToAway = 2;
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(1);

    public static string HealthClientName(string service) => $"{service}-health";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(availability.Services.Select(service => ProbeAsync(service, stoppingToken)));

    private async Task ProbeAsync(string service, CancellationToken stoppingToken)
    {
        var client = clientFactory.CreateClient<Health.HealthClient>(HealthClientName(service));
        var request = new HealthCheckRequest { Service = GrpcServiceExtensions.ServingHealthService };
        var schedule = new ProbeSchedule(options.Value.ProbeInterval, options.Value.IdleProbeInterval);
        var failures = 0;
        var answered = false;
        long probeStarted;
        do
        {
            probeStarted = Environment.TickCount64;
            string? awayReason;
            try
            {
                var response = await client.CheckAsync(
                    request, deadline: DateTime.UtcNow.Add(options.Value.ProbeTimeout), cancellationToken: stoppingToken);
                awayReason = response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? null : "it reports that it cannot serve";
                failures = 0;
                answered = true;
            }
            catch (RpcException exception) when (!stoppingToken.IsCancellationRequested)
            {
                // One failed probe can be a glitch (a connection being replaced, a busy machine): a service is away once
                // a second probe in a row fails. An unanswered probe also needs a second without any answer to a call:
                // a machine busy enough to delay probes still answers calls.
                // Until its first answer, a service (or this caller) is still starting: slow is not away yet.
                var unanswered = exception.StatusCode == StatusCode.DeadlineExceeded;
                if (++failures < FailedProbesToAway
                    || (unanswered && (!answered || availability.AnsweredSince(service, Environment.TickCount64 - (long)AnswerGrace.TotalMilliseconds))))
                {
                    continue;
                }

                awayReason = unanswered
                    ? "it did not answer its health probes in time"
                    : $"its health probes failed ({exception.StatusCode})";
            }

            if (awayReason is null)
            {
                if (availability.MarkServing(service))
                {
                    LogServing(service);
                }
            }
            else if (availability.MarkAway(service, awayReason))
            {
                LogAway(service, awayReason);
            }
        }
        while (await WaitForNextProbeAsync(service, schedule, probeStarted, failures > 0, stoppingToken));
    }

    // Always true: stopping ends the loop by cancelling the wait.
    private async Task<bool> WaitForNextProbeAsync(
        string service,
        ProbeSchedule schedule,
        long probeStarted,
        bool lastProbeFailed,
        CancellationToken stoppingToken)
    {
        var suspect = lastProbeFailed || availability.IsAway(service, out _);
        var wait = schedule.Next(probeStarted, Environment.TickCount64, availability.LastCall(service), suspect);
        if (wait.UntilCalled)
        {
            await availability.WaitForCallAsync(service, wait.Delay, stoppingToken);
        }
        else
        {
            await Task.Delay(wait.Delay, stoppingToken);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} is unavailable: {Reason}; its calls fail fast until it is back")]
    private partial void LogAway(string service, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} is serving again")]
    private partial void LogServing(string service);
}
