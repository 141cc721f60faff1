using System.Globalization;

namespace UserStream.UserStore.Cassandra;

/// <summary>
/// Every CQL statement the Cassandra user store sends. Public so tests can run the very same
/// statements through an independent driver.
/// </summary>
public static class CassandraUserStoreCql
{
    /// <summary>The keyspace the store lives in.</summary>
    public const string Keyspace = "user_stream";

    /// <summary>The columns of <c>created_users</c>, in the order the store binds and reads them.</summary>
    public const string Columns =
        "id, first_name, last_name, gender, address, post_code, email, username, dob, registered_date, phone, picture, nationality, ingested_at, run_id";

    public const string CreateUsersTable = $"""
        CREATE TABLE IF NOT EXISTS {Keyspace}.created_users (
            id uuid PRIMARY KEY,
            first_name text,
            last_name text,
            gender text,
            address text,
            post_code text,
            email text,
            username text,
            dob timestamp,
            registered_date timestamp,
            phone text,
            picture text,
            nationality text,
            ingested_at timestamp,
            run_id uuid)
        """;

    /// <summary>Lookup by e-mail: Cassandra reads only by key, so a second table keyed by the lower-cased address points at the id.</summary>
    public const string CreateEmailTable = $"""
        CREATE TABLE IF NOT EXISTS {Keyspace}.created_users_by_email (
            email text PRIMARY KEY,
            id uuid)
        """;

    public const string InsertUser =
        $"INSERT INTO {Keyspace}.created_users ({Columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public const string InsertEmail = $"INSERT INTO {Keyspace}.created_users_by_email (email, id) VALUES (?, ?)";

    public const string SelectUserById = $"SELECT {Columns} FROM {Keyspace}.created_users WHERE id = ?";

    public const string SelectIdByEmail = $"SELECT id FROM {Keyspace}.created_users_by_email WHERE email = ?";

    /// <summary>The listing: paged by the server, in its token order, which is stable for a given set of rows.</summary>
    public const string SelectUsers = $"SELECT {Columns} FROM {Keyspace}.created_users";

    public const string Ping = "SELECT release_version FROM system.local WHERE key = 'local'";

    /// <summary>CREATE KEYSPACE with the configured replication.</summary>
    public static string CreateKeyspace(CassandraUserStoreOptions options)
    {
        var factor = options.ReplicationFactor.ToString(CultureInfo.InvariantCulture);
        var replication = options.ReplicationClass switch
        {
            "SimpleStrategy" => $"'class': 'SimpleStrategy', 'replication_factor': '{factor}'",
            "NetworkTopologyStrategy" when options.DataCenters is { Count: > 0 } centres =>
                "'class': 'NetworkTopologyStrategy', " + string.Join(", ", centres.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value >= 1
                    ? $"'{Quote(c.Key)}': '{c.Value.ToString(CultureInfo.InvariantCulture)}'"
                    : throw new ArgumentException($"UserStore:Cassandra:DataCenters:{c.Key} is {c.Value}: every data centre keeps at least one copy."))),
            "NetworkTopologyStrategy" => $"'class': 'NetworkTopologyStrategy', '{Quote(options.DataCenter)}': '{factor}'",
            _ => throw new ArgumentException($"Unknown replication class '{options.ReplicationClass}': use SimpleStrategy or NetworkTopologyStrategy."),
        };
        return $"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{{replication}}}";
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
