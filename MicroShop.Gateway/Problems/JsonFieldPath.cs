using System.Text;

namespace MicroShop.Gateway.Problems;

// The services name fields as proto does (items[0].product_id); the Gateway's JSON is camelCase (items[0].productId).
public static class JsonFieldPath
{
    public static string FromProtoFieldPath(string protoPath)
    {
        var json = new StringBuilder(protoPath.Length);
        var upperNext = false;
        foreach (var character in protoPath)
        {
            if (character == '_')
            {
                upperNext = true;
                continue;
            }

            json.Append(upperNext ? char.ToUpperInvariant(character) : character);
            upperNext = false;
        }

        return json.ToString();
    }
}
