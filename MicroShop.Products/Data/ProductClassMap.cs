using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace MicroShop.Products.Data;

// How a Product is stored, kept out of the domain type: camelCase fields, an ObjectId _id,
// and the price as Decimal128 so it round-trips exactly (money is never a binary float).
public static class ProductClassMap
{
    private static readonly Lock RegistrationLock = new();

    public static void Register()
    {
        lock (RegistrationLock)
        {
            if (BsonClassMap.IsClassMapRegistered(typeof(Product)))
            {
                return;
            }

            ConventionRegistry.Register(
                nameof(Product),
                new ConventionPack { new CamelCaseElementNameConvention() },
                type => type == typeof(Product));

            BsonClassMap.RegisterClassMap<Product>(map =>
            {
                map.AutoMap();
                // Stock reservation keeps its own field on the document (ProductRepository.ReservedForField);
                // it is internal to the store and deliberately not part of a Product.
                map.SetIgnoreExtraElements(true);
                map.MapIdMember(product => product.Id).SetSerializer(new StringSerializer(BsonType.ObjectId));
                map.MapMember(product => product.Price).SetSerializer(new DecimalSerializer(BsonType.Decimal128));
            });
        }
    }
}
