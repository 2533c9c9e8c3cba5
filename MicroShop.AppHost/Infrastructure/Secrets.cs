using System.Security.Cryptography;

namespace MicroShop.AppHost.Infrastructure;

public static class Secrets
{
    // Letters and digits only, so the value needs no escaping in a URI or a connection string.
    public static string Generate() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
}
