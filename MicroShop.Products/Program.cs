var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrpcServiceDefaults();

var app = builder.Build();

app.MapGrpcServiceDefaults();

app.Run();
