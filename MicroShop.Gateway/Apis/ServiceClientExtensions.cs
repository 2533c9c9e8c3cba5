namespace MicroShop.Gateway.Apis;

public static class ServiceClientExtensions
{
    // The standard resilience handler (from the service defaults) retries any failed attempt, timeouts included.
    // Every gRPC call is an HTTP POST, and a create, a transition or a stock adjustment that timed out may still
    // have been applied: retrying it could create a second product or order, or take stock twice. So the
    // Gateway's clients retry only when the connection itself failed, when the request has certainly not reached
    // the service; anything else surfaces as 503/504 and the caller decides, knowing it may have happened.
    public static IServiceCollection AddServiceClient<TClient>(this IServiceCollection services, string serviceName)
        where TClient : class
    {
        // RemoveAllResilienceHandlers is still marked experimental; it is the documented way to replace
        // the handler ConfigureHttpClientDefaults adds, for one client.
#pragma warning disable EXTEXP0001
        services.AddGrpcClient<TClient>(options => options.Address = new Uri($"http://{serviceName}"))
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddStandardResilienceHandler(options => options.Retry.ShouldHandle = arguments =>
                ValueTask.FromResult(arguments.Outcome.Exception is HttpRequestException
                {
                    HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
                }));

        return services;
    }
}
