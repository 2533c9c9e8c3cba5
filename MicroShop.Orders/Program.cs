using MassTransit;
using MicroShop.Contracts.Products.V1;
using MicroShop.Orders.Admission;
using MicroShop.Orders.Catalog;
using MicroShop.Orders.Grpc;
using MicroShop.Orders.Messaging;
using MicroShop.Orders.Monitoring;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MicroShop.Orders.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcServiceDefaults();
builder.AddOrdersDatabase();

builder.Services.AddGrpc(options => options.Interceptors.Add<OrderingExceptionInterceptor>());
builder.AddServiceClient<ProductCatalog.ProductCatalogClient>("products");
builder.Services.AddSingleton<CatalogCache>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OrderMetrics>();
builder.Services.AddOptions<OrderAdmissionOptions>()
    .BindConfiguration(OrderAdmissionOptions.SectionName)
    .Validate(options => options.MaxPendingOrders > 0, "Orders:Admission:MaxPendingOrders must be positive.")
    .ValidateOnStart();
builder.Services.AddSingleton<OrderAdmission>();

// The saga, Orders side: reservation outcomes in, OrderCreated/OrderCancelled out through the transactional outbox.
// MassTransit's bus health check joins /health.
builder.AddMessaging(bus =>
{
    bus.AddConsumer<ProductsReservedConsumer, ProductsReservedConsumerDefinition>();
    bus.AddConsumer<ProductReservationFailedConsumer, ProductReservationFailedConsumerDefinition>();
    bus.AddConsumer<ProductChangedConsumer, ProductChangedConsumerDefinition>();
});
builder.Services.AddSingleton<OutboxSignal>();
builder.Services.AddOptions<OutboxOptions>()
    .BindConfiguration(OutboxOptions.SectionName)
    .Validate(options => options.MaxAttempts > 0, "Orders:Outbox:MaxAttempts must be positive.")
    .Validate(options => options.PublishedRetention > TimeSpan.Zero, "Orders:Outbox:PublishedRetention must be positive.")
    .ValidateOnStart();
builder.Services.AddHostedService<OutboxRelay>();
builder.Services.AddHostedService<OutboxRetention>();
builder.Services.AddOptions<ReservationExpiryOptions>()
    .BindConfiguration(ReservationExpiryOptions.SectionName)
    .Validate(options => options.ReservationExpiry > TimeSpan.Zero, "Orders:ReservationExpiry must be positive.")
    .ValidateOnStart();
builder.Services.AddHostedService<ReservationExpiry>();

// Orders stuck in PENDING: a gauge, and a Degraded /health entry "saga" that never makes Orders refuse requests.
builder.Services.AddOptions<SagaMonitorOptions>()
    .BindConfiguration(SagaMonitorOptions.SectionName)
    .Validate(options => options.StuckPendingAfter > TimeSpan.Zero, "Orders:Saga:StuckPendingAfter must be positive.")
    .ValidateOnStart();
builder.Services.AddSingleton<SagaMonitor>();
builder.Services.AddHostedService(services => services.GetRequiredService<SagaMonitor>());
builder.Services.AddHealthChecks()
    .AddCheck<SagaMonitor>("saga", HealthStatus.Degraded, [GrpcServiceExtensions.ReportOnlyTag]);

var app = builder.Build();

app.MapGrpcService<OrderingService>();
app.MapGrpcService<OutboxAdminService>();
app.MapGrpcServiceDefaults();

app.Run();
