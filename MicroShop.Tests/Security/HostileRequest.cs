using System.Net.Http.Headers;

namespace MicroShop.Tests.Security;

// One request of the hostile run, kept as data so that a failure can say what was sent.
public sealed record HostileRequest(
    string Kind,
    HttpMethod Method,
    string Path,
    string? Token,
    string? ContentType,
    byte[]? Body,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", Token);
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : $" body[{Body.Length}]: {System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 120)))}";
        var token = Token is null ? "" : $" auth: {Token[..Math.Min(Token.Length, 40)]}";
        return $"{Kind}: {Method} {Path[..Math.Min(Path.Length, 200)]}{token} type: {ContentType}{body} headers: {string.Join(", ", Headers.Select(header => header.Key))}";
    }
}
