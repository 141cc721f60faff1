using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace UserStream.AppHost.Logging;

/// <summary>
/// Hides secrets in everything the AppHost shows (console, captured logs, resource API): passwords in
/// connection strings and URLs, variables named like secrets, and every secret value it was told about
/// (a generated container password printed by a resource's own log, for example).
/// </summary>
public sealed partial class SecretMasker
{
    public const string Mask = "****";

    // Shorter values would mask ordinary words; real secrets here are generated and long.
    private const int MinimumSecretLength = 4;

    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<key>\b(?:password|pwd)\s*=\s*)(?<value>""[^""]*""|'[^']*'|[^;\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPair();

    [GeneratedRegex(@"(?<prefix>[a-z][a-z0-9+.-]*://[^:/@\s]+:)(?<value>[^@\s/]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"password|passwd|pwd|secret|token|api_?key|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>Remembers a secret value so that any later text containing it is masked.</summary>
    public void Register(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= MinimumSecretLength)
            _secrets.TryAdd(secret, 0);
    }

    /// <summary>The text with known secrets, connection-string passwords and URL passwords replaced by <see cref="Mask"/>.</summary>
    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        foreach (var secret in _secrets.Keys)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = PasswordPair().Replace(text, m => m.Groups["value"].Length == 0 ? m.Value : m.Groups["key"].Value + Mask);
        return UrlCredentials().Replace(text, m => m.Groups["prefix"].Value + Mask + "@");
    }

    /// <summary>An environment variable's value as shown: fully masked when its name says it is a secret.</summary>
    public string ApplyToVariable(string name, string value) =>
        SecretName().IsMatch(name) && value.Length > 0 ? Mask : Apply(value);
}
