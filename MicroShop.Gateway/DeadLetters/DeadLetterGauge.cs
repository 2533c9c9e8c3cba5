using System.Diagnostics.Metrics;
using MicroShop.Gateway.Telemetry;

namespace MicroShop.Gateway.DeadLetters;

// The gauge of messages waiting in each dead-letter queue (microshop.saga.dead_letters), counted every 10 s: the
// Gateway already reads those queues for its admin routes, and a gauge's callback must not wait on the broker. While
// the broker is away the gauge reports nothing rather than an old count.
public sealed partial class DeadLetterGauge : BackgroundService
{
    private const string QueueTag = "messaging.destination.name";
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(10);

    private readonly IServiceProvider services;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<DeadLetterGauge> logger;
    private IReadOnlyDictionary<string, uint>? counts;

    public DeadLetterGauge(IServiceProvider services, IMeterFactory meterFactory, TimeProvider timeProvider, ILogger<DeadLetterGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.services = services;
        this.timeProvider = timeProvider;
        this.logger = logger;
        meterFactory.Create(GatewayTelemetry.Name).CreateObservableGauge(
            "microshop.saga.dead_letters",
            Measure,
            "{message}",
            "Messages in the saga's dead-letter queues (<queue>_error), waiting for an operator to redeliver them.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CountInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Resolved here, not at start: the broker's connection is made on first use, and the Gateway starts
                // and serves without it.
                var queues = services.GetRequiredService<DeadLetterQueues>();
                Volatile.Write(ref counts, await queues.CountAsync(stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Volatile.Write(ref counts, null);
                LogCountFailed(exception);
            }
        }
    }

    private IEnumerable<Measurement<long>> Measure() =>
        Volatile.Read(ref counts) is { } latest
            ? latest.Select(count => new Measurement<long>(count.Value, new KeyValuePair<string, object?>(QueueTag, count.Key)))
            : [];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counting the dead letters failed; the next count tries again")]
    private partial void LogCountFailed(Exception exception);
}
