using Grpc.Core.Interceptors;

namespace MicroShop.Orders.Grpc;

// The domain's and the database's refusals become gRPC status codes here, once for every method.
public sealed class OrderingExceptionInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (OrderStatusException exception)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, exception.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(
                StatusCode.Aborted,
                "The order was changed by another request at the same time. Read it again, then retry."));
        }
    }
}
