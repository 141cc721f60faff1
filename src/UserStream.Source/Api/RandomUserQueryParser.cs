using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using UserStream.Source.Generation;

namespace UserStream.Source.Api;

/// <summary>
/// Reads randomuser.me's query parameters (results, seed, page, gender, nat, inc, exc). Unlike
/// randomuser.me, which quietly ignores what it does not understand, bad values are reported per
/// parameter, so a misconfigured caller finds out at once.
/// </summary>
public static class RandomUserQueryParser
{
    public static RandomUserQuery? Parse(IEnumerable<KeyValuePair<string, StringValues>> query, out Dictionary<string, string[]> errors)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString().Trim(), StringComparer.OrdinalIgnoreCase);
        errors = [];

        var results = ReadPositive(values, "results", errors);
        var page = ReadPositive(values, "page", errors);
        var gender = ReadGender(values, errors);
        var nationalities = ReadNationalities(values, errors);
        var fields = ReadFields(values, errors);
        if (errors.Count > 0)
            return null;

        var seedWasGiven = values.TryGetValue("seed", out var seed) && seed.Length > 0;
        var request = new GenerationRequest(
            seedWasGiven ? seed! : NewSeed(),
            page ?? 1,
            Math.Min(results ?? 1, RandomUserGenerator.MaxResults),
            gender,
            nationalities);
        return new RandomUserQuery(request, fields);
    }

    // Like randomuser.me's own seeds: 16 hex digits.
    private static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static int? ReadPositive(Dictionary<string, string> values, string name, Dictionary<string, string[]> errors)
    {
        if (!values.TryGetValue(name, out var text) || text.Length == 0)
            return null;
        // Above int.MaxValue still means "a lot": results are clamped to the maximum anyway.
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            errors[name] = [$"'{name}' must be a whole number, got '{text}'."];
        else if (number < 1)
            errors[name] = [$"'{name}' must be at least 1, got {number}."];
        else
            return (int)Math.Min(number, int.MaxValue);
        return null;
    }

    private static string? ReadGender(Dictionary<string, string> values, Dictionary<string, string[]> errors)
    {
        if (!values.TryGetValue("gender", out var text) || text.Length == 0)
            return null;
        var gender = text.ToLowerInvariant();
        if (gender is Genders.Male or Genders.Female)
            return gender;
        errors["gender"] = [$"'gender' must be '{Genders.Male}' or '{Genders.Female}', got '{text}'."];
        return null;
    }

    private static IReadOnlyList<string> ReadNationalities(Dictionary<string, string> values, Dictionary<string, string[]> errors)
    {
        var codes = SplitList(values, "nat");
        var unknown = codes.Where(c => !Nationalities.IsSupported(c)).ToArray();
        if (unknown.Length > 0)
            errors["nat"] = [$"Unknown nationality {string.Join(", ", unknown)}; supported: {string.Join(",", Nationalities.Codes)}."];
        return [.. codes.Select(c => c.ToUpperInvariant())];
    }

    private static UserFields ReadFields(Dictionary<string, string> values, Dictionary<string, string[]> errors)
    {
        var included = SplitList(values, "inc");
        var excluded = SplitList(values, "exc");
        foreach (var (name, list) in new[] { ("inc", included), ("exc", excluded) })
        {
            var unknown = list.Where(f => !UserFields.Names.Contains(f, StringComparer.OrdinalIgnoreCase)).ToArray();
            if (unknown.Length > 0)
                errors[name] = [$"Unknown field {string.Join(", ", unknown)}; fields: {string.Join(",", UserFields.Names)}."];
        }
        if (included.Length == 0 && excluded.Length == 0)
            return UserFields.All;
        var start = included.Length > 0 ? included : UserFields.Names;
        return new UserFields(start.Except(excluded, StringComparer.OrdinalIgnoreCase));
    }

    private static string[] SplitList(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text)
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
}
