namespace MicroShop.AppHost.Infrastructure;

// Where RabbitMQ, PostgreSQL and MongoDB come from.
public enum InfrastructureMode
{
    // The official container images, on a machine whose container runtime answers.
    Containers,

    // The servers installed on this machine, started by the AppHost as executables.
    Local,
}
