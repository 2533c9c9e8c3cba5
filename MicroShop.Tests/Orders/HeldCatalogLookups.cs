using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;
using MicroShop.Contracts.Products.V1;

namespace MicroShop.Tests.Orders;

// The catalog clients a CatalogCache makes, on a real channel to Products: each lookup's ids are recorded, and the
// lookups wait to be sent until Release, so that a test can have one on its way while it asks again.
public sealed class HeldCatalogLookups(GrpcChannel channel) : GrpcClientFactory, IDisposable
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string[]> lookups = [];

    public IReadOnlyList<string[]> Lookups
    {
        get
        {
            lock (lookups)
            {
                return [.. lookups];
            }
        }
    }

    public void Release() => released.TrySetResult();

    public override TClient CreateClient<TClient>(string name) =>
        (TClient)(object)new ProductCatalog.ProductCatalogClient(channel.Intercept(new Holding(this)));

    public void Dispose() => channel.Dispose();

    private sealed class Holding(HeldCatalogLookups owner) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context,
            AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            lock (owner.lookups)
            {
                owner.lookups.Add([.. ((GetProductsByIdsRequest)(object)request).Ids]);
            }

            return new AsyncUnaryCall<TResponse>(
                SendWhenReleasedAsync(),
                Task.FromResult(new Metadata()),
                () => Status.DefaultSuccess,
                () => [],
                () => { });

            async Task<TResponse> SendWhenReleasedAsync()
            {
                await owner.released.Task;
                using var call = continuation(request, context);
                return await call.ResponseAsync;
            }
        }
    }
}
