using System.Text.Json;
using System.Text.RegularExpressions;
using MicroShop.Tests.Deployment;

namespace MicroShop.Tests.Security;

// Nothing secret in clear text: every password and the signing key are secret parameters of the AppHost, and neither
// the repository nor the deployment manifest holds a value of one.
public sealed partial class SecretsScanTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    private static readonly string[] SkippedDirectories = [".git", "bin", "obj", "node_modules", "results"];

    [Fact]
    public void Every_password_and_key_in_the_manifest_is_a_secret_parameter()
    {
        var resources = manifest.Resources;
        var secretParameters = resources.EnumerateObject()
            .Where(resource => resource.Value.GetProperty("type").GetString() == "parameter.v0")
            .Where(parameter => parameter.Value.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean())
            .Select(parameter => parameter.Name)
            .ToHashSet();

        Assert.Superset(
            new HashSet<string> { "rabbitmq-password", "postgres-password", "mongodb-password", "cache-password", "gateway-signing-key" },
            secretParameters);
        foreach (var name in secretParameters)
        {
            var parameter = resources.GetProperty(name);
            Assert.Equal($"{{{name}.inputs.value}}", parameter.GetProperty("value").GetString());
            Assert.False(parameter.GetProperty("inputs").GetProperty("value").TryGetProperty("value", out _), $"{name} has a value in the manifest.");
        }

        foreach (var (where, value) in SecretSettings(resources))
        {
            // A connection string's literal parts hold no password; a secret variable is nothing but references.
            var literal = Expression().Replace(value, "");
            Assert.DoesNotMatch(ClearTextSecret(), literal);
            Assert.True(where.Contains(".connectionString", StringComparison.Ordinal) || literal.Length == 0, $"{where} has a literal part: {literal}");
            foreach (var reference in Expression().Matches(value).Select(match => match.Groups["resource"].Value)
                .Where(reference => resources.GetProperty(reference).GetProperty("type").GetString() is "parameter.v0" or "annotated.string"))
            {
                Assert.Contains(SecretParameterOf(reference, resources), secretParameters);
            }
        }
    }

    [Fact]
    public void No_file_of_the_repository_holds_a_password_key_or_token()
    {
        // The scan finds what it looks for (the samples are put together here, so that this file holds none).
        const string Value = "s3cretValue";
        Assert.Matches(ClearTextSecret(), "Host=db;Password=" + Value + ";");
        Assert.Matches(ClearTextSecret(), "amqp://shop:" + Value + "@broker:5672/");
        Assert.Matches(ClearTextSecret(), "\"Password\": \"" + Value + "\"");

        var root = RepositoryRoot();
        var findings = new List<string>();
        foreach (var file in Files(new DirectoryInfo(root)))
        {
            var text = File.ReadAllText(file.FullName);
            findings.AddRange(ClearTextSecret().Matches(text).Select(match => $"{Path.GetRelativePath(root, file.FullName)}: {match.Value}"));
            findings.AddRange(PrivateKeyOrToken().Matches(text).Select(match => $"{Path.GetRelativePath(root, file.FullName)}: {match.Value}"));
        }

        Assert.Empty(findings);
    }

    // Connection strings and environment variables that name a password, key, secret or token.
    private static IEnumerable<(string Where, string Value)> SecretSettings(JsonElement resources)
    {
        foreach (var resource in resources.EnumerateObject())
        {
            if (resource.Value.TryGetProperty("connectionString", out var connectionString))
            {
                yield return ($"{resource.Name}.connectionString", connectionString.GetString() ?? "");
            }

            if (resource.Value.TryGetProperty("env", out var environment))
            {
                foreach (var variable in environment.EnumerateObject().Where(variable => SecretVariable().IsMatch(variable.Name)))
                {
                    yield return ($"{resource.Name}.env.{variable.Name}", variable.Value.GetString() ?? "");
                }
            }
        }
    }

    // `rabbitmq-password-uri-encoded` is Aspire's encoding of the `rabbitmq-password` parameter.
    private static string SecretParameterOf(string reference, JsonElement resources) =>
        resources.GetProperty(reference).GetProperty("type").GetString() == "annotated.string"
            ? Expression().Match(resources.GetProperty(reference).GetProperty("value").GetString() ?? "").Groups["resource"].Value
            : reference;

    private static IEnumerable<FileInfo> Files(DirectoryInfo directory) =>
        directory.EnumerateFiles().Where(file => file.Length < 1_000_000)
            .Concat(directory.EnumerateDirectories()
                .Where(child => !SkippedDirectories.Contains(child.Name))
                .SelectMany(Files));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroShop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No MicroShop.sln above the test's directory.");
    }

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.[a-zA-Z.]+\}")]
    private static partial Regex Expression();

    // RABBITMQ_PASSWORD, …__SigningKeys__0__Value; not …__SigningKeys__0__Issuer.
    [GeneratedRegex(@"(pass|secret|token|key)[^_]*$|SigningKeys__\d+__Value$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretVariable();

    // A quoted value of a password, secret or signing key setting ("Password": "s3cr3t…", but not the name of a
    // parameter such as "gateway-signing-key"); a connection string's Password=…; a URI's user:password@.
    [GeneratedRegex(
        """
        (?ix) (password|passwd|pwd|secret|signingkey|keymaterial)[\w-]*["']?\s*[=:]\s*["'](?![a-z]+(-[a-z]+)+["'])[^"'{$\s<]{8,}["']
            | (password|pwd)=[^;{$"'\s<]{4,}
            | [a-z][a-z0-9+]*://[^\s:/@{$"'<]+:[^\s@{$"'<]+@
        """)]
    private static partial Regex ClearTextSecret();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")]
    private static partial Regex PrivateKeyOrToken();
}
