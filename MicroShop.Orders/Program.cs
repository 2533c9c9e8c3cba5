using MicroShop.Contracts.Products.V1;
using MicroShop.Orders.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcServiceDefaults();
builder.AddOrdersDatabase();

builder.Services.AddGrpc(options => options.Interceptors.Add<OrderingExceptionInterceptor>());
builder.Services.AddGrpcClient<ProductCatalog.ProductCatalogClient>(options => options.Address = new Uri("http://products"));
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();

app.MapGrpcService<OrderingService>();
app.MapGrpcServiceDefaults();

app.Run();
