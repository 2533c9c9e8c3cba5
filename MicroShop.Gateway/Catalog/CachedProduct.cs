using System.ComponentModel;
using MicroShop.Gateway.Apis;

namespace MicroShop.Gateway.Catalog;

// A product as GET /products/{id} answers it, with the version its ETag carries. Immutable, so HybridCache hands the
// same instance to every reader of this instance's memory instead of deserializing a copy for each.
[ImmutableObject(true)]
public sealed record CachedProduct(ProductResponse Product, long Version);
