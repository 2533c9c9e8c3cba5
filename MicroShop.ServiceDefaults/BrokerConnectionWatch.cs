using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;

namespace MicroShop.ServiceDefaults;

// MassTransit replaces its broker connection when RabbitMQ.Client reports it shut down, to one handler after another.
// RabbitMQ.Client 7.2.2 can leave one of those handlers waiting forever when the connection drops while a publish is in
// flight (a channel disposed while its shutdown waits on the channel's lock: rabbitmq-dotnet-client#1976, fixed after
// 7.2.2, the newest served here), and MassTransit's own handler is then never called. MassTransit still finds such a
// connection closed, and replaces it, the next time anything asks its supervisor for it; but a receive endpoint waiting
// on the closed connection does not ask, and the service's queues go unconsumed. So this asks every few seconds.
public sealed partial class BrokerConnectionWatch(IBusInstance bus, ILogger<BrokerConnectionWatch> logger)
    : PeriodicRounds(TimeProvider.System)
{
    // AddMessaging registers the watch together with MassTransit's RabbitMQ transport.
    private readonly IRabbitMqHostConfiguration rabbit = (IRabbitMqHostConfiguration)bus.HostConfiguration;

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    // While the broker is away this waits for MassTransit's next connection, as every other use does; a pipe that fails
    // makes MassTransit dispose of the connection, and its next use opens a new one.
    protected override Task RunRoundAsync(CancellationToken cancellationToken) =>
        rabbit.ConnectionContextSupervisor.Send(Pipe.Execute<ConnectionContext>(ThrowIfClosed), cancellationToken);

    // A broker that is away is MassTransit's to report (it logs every failed attempt to connect); only a closed
    // connection that MassTransit had not noticed is this watch's news.
    protected override void ReportFailedRound(Exception exception) => LogCheckFailed(exception);

    private void ThrowIfClosed(ConnectionContext context)
    {
        if (!context.Connection.IsOpen)
        {
            LogClosedConnectionFound(context.Connection.CloseReason?.ToString());
            throw new RabbitMqConnectionException($"The broker connection is closed: {context.Connection.CloseReason}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker connection had closed unnoticed ({CloseReason}); MassTransit opens a new one")]
    private partial void LogClosedConnectionFound(string? closeReason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The broker connection could not be checked; the next check tries again")]
    private partial void LogCheckFailed(Exception exception);
}
