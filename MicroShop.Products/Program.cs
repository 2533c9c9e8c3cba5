using MassTransit;
using MicroShop.Products.Grpc;
using MicroShop.Products.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcServiceDefaults();
builder.AddProductsData();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CatalogChanges>();
builder.Services.AddSingleton<StockChangeAnnouncer>();

// Stock reservation for the order saga; MassTransit's bus health check joins /health.
builder.AddMessaging(bus =>
{
    bus.AddConsumer<OrderCreatedConsumer, OrderCreatedConsumerDefinition>();
    bus.AddConsumer<OrderCancelledConsumer, OrderCancelledConsumerDefinition>();
    bus.AddConsumer<OrderCompletedConsumer, OrderCompletedConsumerDefinition>();
});

// After the bus, so that it stops first and announces its last window while the bus still runs.
builder.Services.AddHostedService(services => services.GetRequiredService<StockChangeAnnouncer>());

var app = builder.Build();

app.MapGrpcService<ProductCatalogService>();
app.MapGrpcServiceDefaults();

app.Run();
