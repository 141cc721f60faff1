using System.Text.RegularExpressions;

namespace UserStream.AppHost.Model;

/// <summary>Resource names become configuration keys and environment variable names, so they are kept simple.</summary>
public static partial class ResourceName
{
    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex KebabCase();

    public static void Validate(string name)
    {
        if (!KebabCase().IsMatch(name))
            throw new ArgumentException($"Resource name '{name}' must be kebab-case: lower-case letters, digits and '-', starting with a letter.", nameof(name));
    }
}
