using System.Linq.Expressions;
using MongoDB.Bson.Serialization;

namespace MicroShop.Products.Data;

// A field as its collection stores it: the element name and the serializer of its value, read once from the
// collection's class map. The saga's writes, several per order, are built from these as documents: from a lambda, the
// driver would build and translate an expression tree on every call (journal item 65).
public sealed class StoredField<TDocument, TField>
{
    private readonly IBsonSerializer<TField> serializer;

    public StoredField(IMongoCollection<TDocument> collection, Expression<Func<TDocument, TField>> field)
    {
        var rendered = new ExpressionFieldDefinition<TDocument, TField>(field)
            .Render(new RenderArgs<TDocument>(collection.DocumentSerializer, collection.Settings.SerializerRegistry));
        Name = rendered.FieldName;
        serializer = rendered.FieldSerializer;
    }

    public string Name { get; }

    // { Name: value }
    public BsonElement Is(TField value) => new(Name, serializer.ToBsonValue(value));

    // { Name: { $in: [values] } }
    public BsonElement In(params IEnumerable<TField> values) =>
        new(Name, new BsonDocument("$in", new BsonArray(values.Select(serializer.ToBsonValue))));

    // { Name: { op: value } }
    public BsonElement Where(string op, TField value) => new(Name, new BsonDocument(op, serializer.ToBsonValue(value)));
}
