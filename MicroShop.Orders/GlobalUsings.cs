global using Grpc.Core;
global using MicroShop.Contracts.Common.V1;
global using MicroShop.Orders.Data;
global using MicroShop.Orders.Domain;
global using Microsoft.EntityFrameworkCore;
