using System.Net;
using System.Net.Sockets;

namespace MicroShop.AppHost.Infrastructure;

public static class FreeTcpPort
{
    // The operating system hands out a port nobody is listening on.
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
