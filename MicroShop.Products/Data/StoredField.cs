using System.Linq.Expressions;
using MongoDB.Bson.Serialization;

namespace MicroShop.Products.Data;

// A field as its collection stores it: the element name and the serializer of its value, read once from the
// collection's class map. The saga's writes, several per order, are built from these as documents: from a lambda, the
// driver would build and translate an expression tree on every call (journal item 65).
public sealed class StoredField<TDocument, TField>
{
    private readonly string name;
    private readonly IBsonSerializer<TField> serializer;

    public StoredField(IMongoCollection<TDocument> collection, Expression<Func<TDocument, TField>> field)
    {
        var rendered = new ExpressionFieldDefinition<TDocument, TField>(field)
            .Render(new RenderArgs<TDocument>(collection.DocumentSerializer, collection.Settings.SerializerRegistry));
        name = rendered.FieldName;
        serializer = rendered.FieldSerializer;
    }

    // { name: value }
    public BsonElement Is(TField value) => new(name, serializer.ToBsonValue(value));

    // { name: { $in: [values] } }
    public BsonElement In(params IEnumerable<TField> values) =>
        new(name, new BsonDocument("$in", new BsonArray(values.Select(serializer.ToBsonValue))));

    // { name: { op: value } }
    public BsonElement Where(string op, TField value) => new(name, new BsonDocument(op, serializer.ToBsonValue(value)));
}
