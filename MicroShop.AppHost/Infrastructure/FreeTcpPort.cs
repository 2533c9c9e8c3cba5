using System.Net;
using System.Net.Sockets;

namespace MicroShop.AppHost.Infrastructure;

// A loopback port for a local server, chosen when the AppHost is built and bound by the server seconds later.
// A port the operating system hands out (port 0) comes from the ephemeral range, which every outgoing connection on the
// machine also draws from: in that gap one of them took a RabbitMQ node's AMQP port (eaddrinuse, the node exited and the
// services waited for it). Aspire gives the projects' own ports from 10000–32767 (its proxyless port range), and it
// knows only its own application's ports: with two applications in one test process, a Gateway was given the port of
// the other application's PostgreSQL. So the port comes from below both, above the launch profiles' 3000, 5000 and
// 5001, where only listeners live, and is never handed out twice by one process.
public static class FreeTcpPort
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    // IANA's dynamic range starts at 49152; Linux's default ephemeral range at 32768.
    private const int DefaultEphemeralStart = 32768;

    // Where Aspire's own port range (ASPIRE_PROXYLESS_ENDPOINT_PORT_RANGE, 10000–32767 by default) begins.
    private const int AspireRangeStart = 10_000;

    private const int RangeSize = 4_000;

    private const int LowestPort = 1024;

    private const int Attempts = 200;

    // The machine's ephemeral range does not change while the AppHost runs: read it once, not once per port.
    private static readonly int RangeEnd = Math.Min(AspireRangeStart, EphemeralStart());

    private static readonly int RangeStart = Math.Max(LowestPort, RangeEnd - RangeSize);

    private static readonly HashSet<int> HandedOut = [];

    private static readonly Lock HandOut = new();

    public static int Find()
    {
        lock (HandOut)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(RangeStart, RangeEnd);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {RangeStart} and {RangeEnd} after {Attempts} attempts.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        if (File.Exists(EphemeralRangeFile)
            && File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
            && int.TryParse(first, out var start)
            && start > LowestPort + RangeSize / 4)
        {
            return start;
        }

        return DefaultEphemeralStart;
    }
}
