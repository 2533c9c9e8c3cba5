using MicroShop.Contracts.Orders.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Apis;
using MicroShop.Gateway.Catalog;
using MicroShop.Gateway.DeadLetters;
using MicroShop.Gateway.Orders;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

// Far above any valid product (2,300 characters of text) or order (100 lines), far below what would trouble
// a service: a larger body is 413 before it is read.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);
builder.Services.AddProblemResponses();
builder.Services.AddOpenApi();
builder.AddServiceClient<ProductCatalog.ProductCatalogClient>("products");
builder.AddServiceClient<Ordering.OrderingClient>("orders");
builder.AddServiceClient<OutboxAdmin.OutboxAdminClient>("orders");
builder.AddProductCache();

builder.Services.AddScoped<ProductNames>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OrderAdmissionGate>();

// Only the dead-letter admin uses the broker: the Gateway stays ready while RabbitMQ is away.
builder.AddRabbitMQClient("rabbitmq", settings => settings.DisableHealthChecks = true);
builder.Services.AddSingleton<DeadLetterQueues>();

var app = builder.Build();

app.UseMiddleware<OrderAdmissionMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();
app.MapProductsApi();
app.MapAdminApi();
app.MapOrdersApi();

app.Run();
