using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MicroShop.ServiceDefaults.ServiceCalls;

// On every unary call to one service: a deadline when the caller set none, an immediate UNAVAILABLE while the service
// is away, and UNAVAILABLE instead of a wait for the deadline when the service goes away during the call.
public sealed class ServiceAvailabilityInterceptor(string service, ServiceAvailability availability, ServiceCallOptions options)
    : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        availability.RecordCall(service);
        if (availability.IsAway(service, out var reason))
        {
            var status = Unavailable(reason);
            return new AsyncUnaryCall<TResponse>(
                Task.FromException<TResponse>(new RpcException(status)),
                Task.FromResult(new Metadata()),
                () => status,
                () => [],
                () => { });
        }

        var outage = availability.OutageToken(service);
        var callOptions = context.Options;
        if (callOptions.Deadline is null)
        {
            callOptions = callOptions.WithDeadline(DateTime.UtcNow.Add(options.Deadline));
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(callOptions.CancellationToken, outage);
        callOptions = callOptions.WithCancellationToken(cancellation.Token);
        var call = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, callOptions));
        return new AsyncUnaryCall<TResponse>(
            ResponseAsync(call.ResponseAsync, outage, cancellation),
            call.ResponseHeadersAsync,
            call.GetStatus,
            call.GetTrailers,
            call.Dispose);
    }

    private async Task<TResponse> ResponseAsync<TResponse>(Task<TResponse> response, CancellationToken outage, CancellationTokenSource cancellation)
    {
        try
        {
            var answer = await response;
            availability.RecordAnswer(service);
            return answer;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && outage.IsCancellationRequested)
        {
            throw new RpcException(Unavailable(availability.IsAway(service, out var reason) ? reason : "it went away during the call"));
        }
        finally
        {
            cancellation.Dispose();
        }
    }

    private Status Unavailable(string reason) => new(StatusCode.Unavailable, $"{service} is unavailable: {reason}");
}
