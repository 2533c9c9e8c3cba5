global using MicroShop.Contracts.Messages;
global using MicroShop.Products.Data;
global using MicroShop.Products.Domain;
global using MongoDB.Bson;
global using MongoDB.Driver;
