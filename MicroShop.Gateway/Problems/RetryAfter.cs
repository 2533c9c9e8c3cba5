using System.Globalization;

namespace MicroShop.Gateway.Problems;

// When a refused client should try again: the service's google.rpc.RetryInfo, or one second. Retry-After counts whole
// seconds, so a delay is rounded up.
public static class RetryAfter
{
    private static readonly TimeSpan Default = TimeSpan.FromSeconds(1);

    public static TimeSpan Of(RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>()?.RetryDelay?.ToTimeSpan() ?? Default;

    public static void Apply(HttpResponse response, TimeSpan delay) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
