using MicroShop.Products.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcServiceDefaults();
builder.AddProductsData();

var app = builder.Build();

app.MapGrpcService<ProductCatalogService>();
app.MapGrpcServiceDefaults();

app.Run();
