namespace UserStream.Processor.Transform;

/// <summary>
/// Whether a text is shaped like a mailbox address: exactly one <c>@</c>; a local part of 1 to 64 characters
/// without spaces, controls or the characters RFC 5322 reserves, not starting or ending with a dot and without
/// two dots in a row; a domain of two or more dot-separated labels of letters, digits and hyphens (letters of
/// any script, as RFC 6531 allows). Deliberately simpler than RFC 5322 (no quoted local parts, no IP literals):
/// randomuser-style data never needs them, and whatever passes here is stored and looked up as it is.
/// </summary>
public static class EmailAddressRule
{
    private const string Reserved = "()<>[]\\,;:\"@";

    public static bool IsAddress(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return false;
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@'))
            return false;
        var local = text.AsSpan(0, at);
        var domain = text.AsSpan(at + 1);
        return IsLocalPart(local) && IsDomain(domain);
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.Length is 0 or > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
            return false;
        foreach (var c in local)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || Reserved.Contains(c))
                return false;
        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length is 0 or > 253)
            return false;
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
                if (!(char.IsLetterOrDigit(c) || c == '-'))
                    return false;
            labels++;
        }
        return labels >= 2;
    }
}
