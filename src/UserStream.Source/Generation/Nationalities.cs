namespace UserStream.Source.Generation;

/// <summary>The nationality codes (randomuser.me's <c>nat</c> values) this source can generate.</summary>
public static class Nationalities
{
    private static readonly Dictionary<string, NationalityProfile> ByCode =
        NationalityProfiles.All.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Upper-case codes, alphabetical.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. NationalityProfiles.All.Select(p => p.Code).Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="code"/> (any case) is a supported nationality.</summary>
    public static bool IsSupported(string code) => ByCode.ContainsKey(code);

    internal static NationalityProfile Get(string code) => ByCode[code];
}
