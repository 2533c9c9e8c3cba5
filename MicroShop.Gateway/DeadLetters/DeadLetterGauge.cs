using System.Diagnostics.Metrics;
using MicroShop.Gateway.Telemetry;
using MicroShop.ServiceDefaults;

namespace MicroShop.Gateway.DeadLetters;

// The gauge of messages waiting in each dead-letter queue (microshop.saga.dead_letters), counted every 10 s: the
// Gateway already reads those queues for its admin routes, and a gauge's callback must not wait on the broker. While
// the broker is away the gauge reports nothing rather than an old count.
public sealed partial class DeadLetterGauge : PeriodicRounds
{
    private const string QueueTag = "messaging.destination.name";

    private readonly IServiceProvider services;
    private readonly ILogger<DeadLetterGauge> logger;
    private IReadOnlyDictionary<string, uint>? counts;

    public DeadLetterGauge(IServiceProvider services, IMeterFactory meterFactory, TimeProvider timeProvider, ILogger<DeadLetterGauge> logger)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.services = services;
        this.logger = logger;
        meterFactory.Create(GatewayTelemetry.Name).CreateObservableGauge(
            "microshop.saga.dead_letters",
            Measure,
            "{message}",
            "Messages in the saga's dead-letter queues (<queue>_error), waiting for an operator to redeliver them.");
    }

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(10);

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not at start: the broker's connection is made on first use, and the Gateway starts and serves
        // without it.
        var queues = services.GetRequiredService<DeadLetterQueues>();
        Volatile.Write(ref counts, await queues.CountAsync(cancellationToken));
    }

    protected override void ReportFailedRound(Exception exception)
    {
        Volatile.Write(ref counts, null);
        LogCountFailed(exception);
    }

    private IEnumerable<Measurement<long>> Measure() =>
        Volatile.Read(ref counts) is { } latest
            ? latest.Select(count => new Measurement<long>(count.Value, new KeyValuePair<string, object?>(QueueTag, count.Key)))
            : [];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counting the dead letters failed; the next count tries again")]
    private partial void LogCountFailed(Exception exception);
}
