namespace UserStream.Source.Generation;

/// <summary>
/// How users of one nationality look: which Bogus locales give their names and streets, where they
/// live, and the formats of their postcodes, phone numbers and national ids.
/// </summary>
internal sealed record NationalityProfile
{
    public required string Code { get; init; }
    public required string Country { get; init; }

    /// <summary>Locale for first names; it must know male and female names (e.g. "en", not "en_US").</summary>
    public required string FirstNameLocale { get; init; }
    public required string LastNameLocale { get; init; }
    public required string StreetLocale { get; init; }

    /// <summary>Names used instead of Bogus where it has no locale for the country.</summary>
    public LocalNames? LocalNames { get; init; }

    /// <summary>Street names used instead of Bogus where its locale has none of its own.</summary>
    public IReadOnlyList<string>? LocalStreets { get; init; }

    public required IReadOnlyList<Region> Regions { get; init; }
    public required PostcodeFormat Postcode { get; init; }

    /// <summary>Bogus replace patterns: '#' a digit, '?' a capital letter.</summary>
    public required string PhonePattern { get; init; }
    public required string CellPattern { get; init; }
    public required string IdName { get; init; }
    public required string IdPattern { get; init; }

    public IReadOnlyList<string> MaleTitles { get; init; } = ["Mr"];
    public IReadOnlyList<string> FemaleTitles { get; init; } = ["Ms", "Mrs", "Miss"];
}

/// <summary>A state (or county, province, district) and some of its cities.</summary>
internal sealed record Region(string State, params string[] Cities);

/// <summary>First names by gender and, optionally, last names.</summary>
internal sealed record LocalNames(string[] Male, string[] Female, string[]? Last = null);

/// <summary>
/// A postcode is either a number in a range (written as a JSON number) or text from a pattern
/// (written as a JSON string, as randomuser.me does for GB and CA).
/// </summary>
internal sealed record PostcodeFormat(int Min, int Max, IReadOnlyList<string> Patterns)
{
    public static PostcodeFormat Numeric(int min, int max) => new(min, max, []);
    public static PostcodeFormat Alphanumeric(params string[] patterns) => new(0, 0, patterns);
}
