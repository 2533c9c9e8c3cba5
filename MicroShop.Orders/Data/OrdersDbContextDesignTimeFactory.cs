using Microsoft.EntityFrameworkCore.Design;

namespace MicroShop.Orders.Data;

// Lets `dotnet ef migrations add` build the model without a database and without starting the service.
public sealed class OrdersDbContextDesignTimeFactory : IDesignTimeDbContextFactory<OrdersDbContext>
{
    public OrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OrdersDbContext>().UseNpgsql("Host=localhost;Database=orders").Options);
}
