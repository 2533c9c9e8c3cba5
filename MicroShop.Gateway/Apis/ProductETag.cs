using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MicroShop.Gateway.Apis;

// A product's version as a strong entity tag ("7"), so clients use HTTP's own optimistic concurrency:
// read the ETag, send it back in If-Match.
public static class ProductETag
{
    public static string Format(long version) => $"\"{version}\"";

    // True with no version for an absent If-Match or "*" (any current product). False for a tag the Gateway
    // never issued (weak, not a version, or a list), which can match no current product.
    public static bool TryParseIfMatch(StringValues ifMatch, out long? expectedVersion)
    {
        expectedVersion = null;
        if (StringValues.IsNullOrEmpty(ifMatch))
        {
            return true;
        }

        if (ifMatch.Count != 1 || !EntityTagHeaderValue.TryParse(ifMatch[0], out var tag))
        {
            return false;
        }

        if (tag.Equals(EntityTagHeaderValue.Any))
        {
            return true;
        }

        if (tag.IsWeak || !long.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
        {
            return false;
        }

        expectedVersion = version;
        return true;
    }

    // True when If-None-Match names this version (or is "*"): the client's copy is current, 304 Not Modified. GET
    // compares weakly, as HTTP says, so a W/ form of the tag matches too.
    public static bool IsCurrentFor(StringValues ifNoneMatch, long version)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(Format(version));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
