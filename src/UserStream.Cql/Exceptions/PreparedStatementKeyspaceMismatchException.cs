namespace UserStream.Cql;

/// <summary>
/// A prepared statement had to be prepared again (the node had forgotten it, or had never seen it) while
/// the session is in another keyspace than the one it was prepared in. Protocol v4 prepares in the
/// connection's keyspace, so preparing it now would silently change which tables it names; the session
/// refuses instead, as the DataStax drivers do. Prepare the statement again in the current keyspace, or
/// qualify its table names.
/// </summary>
public sealed class PreparedStatementKeyspaceMismatchException(string cql, string preparedKeyspace, string? sessionKeyspace)
    : DriverException($"The statement \"{cql}\" was prepared in keyspace {preparedKeyspace}, but the session is now in "
        + $"{sessionKeyspace ?? "no keyspace"}; preparing it again there would run it against other tables. "
        + "Prepare it again in this keyspace, or qualify its table names.")
{
    /// <summary>The keyspace the statement was prepared in.</summary>
    public string PreparedKeyspace { get; } = preparedKeyspace;

    /// <summary>The keyspace the session (and the connection) is in now.</summary>
    public string? SessionKeyspace { get; } = sessionKeyspace;
}
