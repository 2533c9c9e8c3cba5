using MicroShop.Contracts.Orders.V1;
using MicroShop.Contracts.Products.V1;
using MicroShop.Gateway.Apis;
using MicroShop.Gateway.Orders;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemResponses();
builder.Services.AddOpenApi();

builder.Services.AddGrpcClient<Ordering.OrderingClient>(options => options.Address = new Uri("http://orders"));
builder.Services.AddGrpcClient<ProductCatalog.ProductCatalogClient>(options => options.Address = new Uri("http://products"));
builder.Services.AddScoped<ProductNames>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();

app.MapOrdersApi();

app.Run();
