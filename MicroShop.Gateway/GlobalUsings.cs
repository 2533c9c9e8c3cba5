global using Grpc.Core;
global using MicroShop.Gateway.Problems;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Mvc;
