using MicroShop.Contracts.Orders.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Apis;
using MicroShop.Gateway.Catalog;
using MicroShop.Gateway.DeadLetters;
using MicroShop.Gateway.Orders;
using MicroShop.Gateway.Requests;
using MicroShop.Gateway.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.DrainLimit);
builder.Services.AddProblemResponses();

// A body with the same member twice is refused: readers that keep the first and readers that keep the last would
// see two different requests in it.
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowDuplicateProperties = false);
builder.Services.AddOpenApi(options => options
    .AddDocumentTransformer<BearerSecurityTransformer>()
    .AddOperationTransformer<BearerSecurityTransformer>());
builder.AddGatewaySecurity();
builder.AddServiceClient<ProductCatalog.ProductCatalogClient>("products");
builder.AddServiceClient<Ordering.OrderingClient>("orders");
builder.AddServiceClient<OutboxAdmin.OutboxAdminClient>("orders");
builder.AddProductCache();

builder.Services.AddScoped<ProductNames>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<OrderAdmissionLimits>().BindConfiguration(OrderAdmissionLimits.SectionName)
    .Validate(limits => limits.MaxOrdersInFlight > 0, $"{OrderAdmissionLimits.SectionName}:MaxOrdersInFlight must be positive.")
    .ValidateOnStart();
builder.Services.AddSingleton<OrderAdmissionGate>();

// The dead-letter admin reads the broker directly, without a health check (the product cache's MassTransit bus reports at
// most Degraded): the Gateway stays ready while RabbitMQ is away.
builder.AddRabbitMQClient("rabbitmq", settings => settings.DisableHealthChecks = true);
builder.Services.AddSingleton<DeadLetterQueues>();
builder.Services.AddHostedService<DeadLetterGauge>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestBodyLimitMiddleware>();
// Rate limits after authentication (a user's requests are theirs from any address) and before authorization (refused
// requests count too); a new order is refused by admission control only once its caller may place it.
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<OrderAdmissionMiddleware>();
app.UseMiddleware<JsonCharsetMiddleware>();

// The one document by its own path: the default pattern, /openapi/{documentName}.json, answers other names in plain text.
app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
app.MapScalarApiReference(scalar => scalar.AddPreferredSecuritySchemes(BearerSecurityTransformer.SchemeName)).AllowAnonymous();
app.MapDefaultEndpoints();
app.MapProductsApi();
app.MapAdminApi();
app.MapOrdersApi();

app.Run();
