using MicroShop.Contracts.Orders.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Apis;
using MicroShop.Gateway.DeadLetters;
using MicroShop.Gateway.Orders;
using MicroShop.Gateway.Requests;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.DrainLimit);
builder.Services.AddProblemResponses();
builder.Services.AddOpenApi();
builder.AddServiceClient<ProductCatalog.ProductCatalogClient>("products");
builder.AddServiceClient<Ordering.OrderingClient>("orders");
builder.AddServiceClient<OutboxAdmin.OutboxAdminClient>("orders");

builder.Services.AddScoped<ProductNames>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OrderAdmissionGate>();

// Only the dead-letter admin uses the broker: the Gateway stays ready while RabbitMQ is away.
builder.AddRabbitMQClient("rabbitmq", settings => settings.DisableHealthChecks = true);
builder.Services.AddSingleton<DeadLetterQueues>();
builder.Services.AddHostedService<DeadLetterGauge>();

var app = builder.Build();

app.UseMiddleware<OrderAdmissionMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestBodyLimitMiddleware>();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();
app.MapProductsApi();
app.MapAdminApi();
app.MapOrdersApi();

app.Run();
