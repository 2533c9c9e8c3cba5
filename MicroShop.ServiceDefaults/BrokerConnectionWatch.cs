using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MicroShop.ServiceDefaults;

// MassTransit replaces its broker connection when RabbitMQ.Client reports it shut down, to one handler after another.
// RabbitMQ.Client 7.2.2 can leave one of those handlers waiting forever when the connection drops while a publish is in
// flight (a channel disposed while its shutdown waits on the channel's lock: rabbitmq-dotnet-client#1976, fixed after
// 7.2.2, the newest served here), and MassTransit's own handler is then never called. MassTransit still finds such a
// connection closed, and replaces it, the next time anything asks its supervisor for it; but a receive endpoint waiting
// on the closed connection does not ask, and the service's queues go unconsumed. So this asks every few seconds.
public sealed partial class BrokerConnectionWatch(IBusInstance bus, ILogger<BrokerConnectionWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bus.HostConfiguration is not IRabbitMqHostConfiguration rabbit)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // While the broker is away this waits for MassTransit's next connection, as every other use does; a pipe
                // that fails makes MassTransit dispose of the connection, and its next use opens a new one.
                await rabbit.ConnectionContextSupervisor.Send(Pipe.Execute<ConnectionContext>(ThrowIfClosed), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogConnectionUnusable(exception);
            }
        }
    }

    private static void ThrowIfClosed(ConnectionContext context)
    {
        if (!context.Connection.IsOpen)
        {
            throw new RabbitMqConnectionException($"The broker connection is closed: {context.Connection.CloseReason}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker connection could not be used; MassTransit opens a new one on its next use")]
    private partial void LogConnectionUnusable(Exception exception);
}
