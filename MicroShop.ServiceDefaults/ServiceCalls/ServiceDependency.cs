namespace MicroShop.ServiceDefaults.ServiceCalls;

// A service this one calls over gRPC, by its service-discovery name.
public sealed record ServiceDependency(string Name);
