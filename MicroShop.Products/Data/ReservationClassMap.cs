using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace MicroShop.Products.Data;

// How a Reservation is stored: camelCase fields, the order id (canonical string form) as _id, the status by
// name so the documents read plainly in a shell, and instants as BSON dates.
public static class ReservationClassMap
{
    private static readonly Lock RegistrationLock = new();

    public static void Register()
    {
        lock (RegistrationLock)
        {
            if (BsonClassMap.IsClassMapRegistered(typeof(Reservation)))
            {
                return;
            }

            ConventionRegistry.Register(
                nameof(Reservation),
                new ConventionPack { new CamelCaseElementNameConvention() },
                type => type == typeof(Reservation) || type == typeof(ReservationLine));

            BsonClassMap.RegisterClassMap<ReservationLine>(map => map.AutoMap());
            BsonClassMap.RegisterClassMap<Reservation>(map =>
            {
                map.AutoMap();
                map.MapIdMember(reservation => reservation.Id);
                map.MapMember(reservation => reservation.Status).SetSerializer(new EnumSerializer<ReservationStatus>(BsonType.String));
                map.MapMember(reservation => reservation.CreatedAt).SetSerializer(new DateTimeOffsetSerializer(BsonType.DateTime));
                map.MapMember(reservation => reservation.UpdatedAt).SetSerializer(new DateTimeOffsetSerializer(BsonType.DateTime));
            });
        }
    }
}
