namespace UserStream.Cql;

/// <summary>
/// Marks a bound value as "unset" (protocol v4): the column is left as it is, where binding null would
/// write a tombstone.
/// </summary>
public sealed class Unset
{
    private Unset() { }

    /// <summary>The single unset marker.</summary>
    public static readonly Unset Value = new();
}
