global using Aspire.Hosting.ApplicationModel;
global using MicroShop.AppHost.Infrastructure;
global using Microsoft.Extensions.Diagnostics.HealthChecks;
