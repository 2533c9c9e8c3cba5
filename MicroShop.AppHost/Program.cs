using MicroShop.AppHost.Operations;
using MicroShop.AppHost.Security;
using MicroShop.AppHost.Settings;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddInfrastructure(InfrastructureModes.Resolve(builder));

// Instances of Products and of Orders (`--replicas 2`): each is stateless, the outbox relay and the reservation expiry
// share their work through row locks (FOR UPDATE SKIP LOCKED), and Orders migrates under an advisory lock, so any
// number may run.
var replicas = builder.Configuration.GetValue("replicas", 1);

var products = builder.AddProject<Projects.MicroShop_Products>("products")
    .WithReference(infrastructure.ProductsDatabase, InfrastructureResources.ProductsDatabaseConnection)
    .WaitFor(infrastructure.ProductsDatabase)
    .WithReference(infrastructure.MessageBroker)
    .WaitFor(infrastructure.MessageBroker)
    .WithOneProcessorWhenRun()
    .WithReplicas(replicas)
    .AsHttp2Service()
    .WithGrpcHealthCheck()
    .WithHealthReportCommand();

var orders = builder.AddProject<Projects.MicroShop_Orders>("orders")
    .WithReference(infrastructure.OrdersDatabase, InfrastructureResources.OrdersDatabaseConnection)
    .WaitFor(infrastructure.OrdersDatabase)
    .WithReference(infrastructure.MessageBroker)
    .WaitFor(infrastructure.MessageBroker)
    .WithReference(products)
    .WaitFor(products)
    .WithReplicas(replicas)
    .AsHttp2Service()
    .WithGrpcHealthCheck()
    .WithHealthReportCommand();

// How long an order may hold reserved stock before it is cancelled (`--reservation-expiry 00:15:00`), may stay PENDING
// before /health reports the saga Degraded (`--stuck-pending-after 00:01:00`), and how many orders may be pending,
// across every instance, before new ones are refused (`--max-pending-orders 200`), and how long a published outbox
// row is kept (`--outbox-retention 00:15:00`).
orders
    .WithOptionAsSetting("reservation-expiry", "Orders__ReservationExpiry")
    .WithOptionAsSetting("stuck-pending-after", "Orders__Saga__StuckPendingAfter")
    .WithOptionAsSetting("max-pending-orders", "Orders__Admission__MaxPendingOrders")
    .WithOptionAsSetting("outbox-retention", "Orders__Outbox__PublishedRetention");

builder.AddProject<Projects.MicroShop_Gateway>("gateway")
    .WithReference(infrastructure.MessageBroker)
    .WithReference(infrastructure.Cache)
    .WaitFor(infrastructure.Cache)
    .WithExternalHttpEndpoints()
    .WithTokenIssuer()
    .WithRateLimits()
    .WithReference(products)
    .WaitFor(products)
    .WithReference(orders)
    .WaitFor(orders)
    // The platform's probes (deployment manifest); readiness is also the AppHost's health check of the Gateway.
    .WithHttpProbe(ProbeType.Liveness, "/alive", endpointName: "http")
    .WithHttpProbe(ProbeType.Readiness, "/health", endpointName: "http")
    .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/scalar", DisplayText = "Scalar (API reference)" })
    .WithAdminCommands();

await builder.Build().RunAsync();
