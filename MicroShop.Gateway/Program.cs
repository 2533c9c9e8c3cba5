using MicroShop.Gateway.Apis;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemResponses();
builder.Services.AddOpenApi();
builder.Services.AddProductCatalogClient();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();
app.MapProductsApi();

app.Run();
