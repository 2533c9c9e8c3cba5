using System.Collections.Concurrent;
using MassTransit;

namespace MicroShop.Bench.Floor;

// RabbitMQ through MassTransit, configured as the services configure it (durable queues, persistent messages,
// publisher confirms, MassTransit's default prefetch), on the application's broker with queues of its own that
// go away when the bus stops.
public sealed class MessagingFloor : IAsyncDisposable
{
    private const string PingQueue = "bench_floor_ping";
    private const string PongQueue = "bench_floor_pong";
    private static readonly TimeSpan RoundTripTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> waiting = new();
    private readonly IBusControl bus;

    private MessagingFloor(string connectionString)
    {
        var broker = new Uri(connectionString);
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker, host =>
            {
                var credentials = broker.UserInfo.Split(':', 2);
                host.Username(Uri.UnescapeDataString(credentials[0]));
                host.Password(Uri.UnescapeDataString(credentials.ElementAtOrDefault(1) ?? ""));
            });
            rabbit.ReceiveEndpoint(PingQueue, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<FloorPing>(context => context.Message.Reply
                    ? context.Publish(new FloorPong(context.Message.Id))
                    : Complete(context.Message.Id));
            });
            rabbit.ReceiveEndpoint(PongQueue, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<FloorPong>(context => Complete(context.Message.Id));
            });
        });
    }

    public static async Task<MessagingFloor> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var floor = new MessagingFloor(connectionString);
        await floor.bus.StartAsync(cancellationToken);
        return floor;
    }

    // One persistent publish and its consumption, or with reply: publish, consume, publish the answer, consume it.
    public async Task RoundTripAsync(bool reply)
    {
        var id = Guid.NewGuid();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = done;
        try
        {
            await bus.Publish(new FloorPing(id, reply));
            await done.Task.WaitAsync(RoundTripTimeout);
        }
        finally
        {
            waiting.TryRemove(id, out _);
        }
    }

    // A publish and its broker confirm only: what a publisher that waits for each confirm before the next can do.
    public Task PublishAsync() => bus.Publish(new FloorPing(Guid.NewGuid(), Reply: false));

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    private Task Complete(Guid id)
    {
        if (waiting.TryGetValue(id, out var done))
        {
            done.TrySetResult();
        }

        return Task.CompletedTask;
    }
}
