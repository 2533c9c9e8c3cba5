using System.Text.Json;

namespace MicroShop.Bench.Load;

public static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
