namespace UserStream.AppHost.Model;

/// <summary>
/// What a referencing service receives about a resource: a connection string (infrastructure) or an
/// HTTP base URL (services). Both null when the resource is unavailable (Cassandra without an engine).
/// </summary>
public sealed record ResourceConnection(string? ConnectionString, string? HttpUrl)
{
    public static readonly ResourceConnection Unavailable = new(null, null);

    public bool IsAvailable => ConnectionString is not null || HttpUrl is not null;

    /// <summary>The variables a service referencing <paramref name="name"/> gets (the names Aspire uses).</summary>
    public IEnumerable<KeyValuePair<string, string>> EnvironmentFor(string name)
    {
        if (ConnectionString is not null)
            yield return new($"ConnectionStrings__{name}", ConnectionString);
        if (HttpUrl is not null)
            yield return new($"services__{name}__http__0", HttpUrl);
    }
}
