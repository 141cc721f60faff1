using System.Data.Common;

namespace UserStream.Cql;

/// <summary>
/// Parses the connection string services receive as ConnectionStrings__cassandra:
/// <c>Contact Points=h1,h2;Port=9042;Username=…;Password=…;Default Keyspace=user_stream</c>.
/// A contact point may carry its own port (<c>h1:9043</c>). TLS: <c>Ssl=true</c>, with optionally <c>Ssl CA File=ca.pem</c>
/// (the CA that alone may issue the servers' certificates; otherwise the system's roots) and <c>Ssl Client Certificate=</c> /
/// <c>Ssl Client Key=</c> (PEM files). <c>Local Data Center=dc1</c>: requests go to that data centre's nodes first.
/// </summary>
public sealed record CqlConnectionString(IReadOnlyList<string> ContactPoints, int? Port, string? Username, string? Password, string? DefaultKeyspace)
{
    /// <summary>TLS to every host (<c>Ssl=true</c>); null: plain text.</summary>
    public SslOptions? Ssl { get; init; }

    /// <summary>The data centre whose nodes take requests first (<c>Local Data Center=dc1</c>); null: every node alike.</summary>
    public string? LocalDataCenter { get; init; }

    /// <summary>Parses a connection string; keys are case-insensitive and unknown keys are rejected.</summary>
    public static CqlConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        IReadOnlyList<string> contactPoints = [];
        int? port = null;
        string? username = null, password = null, keyspace = null, caFile = null, clientCertificate = null, clientKey = null, localDataCenter = null;
        var ssl = false;
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key])?.Trim() ?? "";
            switch (key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            {
                case "contactpoints" or "contactpoint" or "hosts" or "host":
                    contactPoints = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "port":
                    port = int.TryParse(value, out var p) && p is > 0 and < 65536 ? p : throw new FormatException($"Port \"{value}\" is not a TCP port.");
                    break;
                case "username" or "user" or "userid":
                    username = value;
                    break;
                case "password":
                    password = value;
                    break;
                case "defaultkeyspace" or "keyspace":
                    keyspace = value.Length == 0 ? null : value;
                    break;
                case "ssl" or "usessl" or "tls":
                    ssl = bool.TryParse(value, out var on) ? on : throw new FormatException($"Ssl \"{value}\" is not true or false.");
                    break;
                case "sslcafile":
                    caFile = value.Length == 0 ? null : value;
                    break;
                case "sslclientcertificate":
                    clientCertificate = value.Length == 0 ? null : value;
                    break;
                case "sslclientkey":
                    clientKey = value.Length == 0 ? null : value;
                    break;
                case "localdatacenter" or "localdc" or "datacenter":
                    localDataCenter = value.Length == 0 ? null : value;
                    break;
                default:
                    throw new FormatException($"Unknown key \"{key}\" in the Cassandra connection string.");
            }
        }
        if (contactPoints.Count == 0) throw new FormatException("The Cassandra connection string names no Contact Points.");
        if (!ssl && (caFile ?? clientCertificate ?? clientKey) is not null)
            throw new FormatException("The Cassandra connection string names TLS files but not Ssl=true.");
        return new CqlConnectionString(contactPoints, port, username, password, keyspace)
        {
            Ssl = ssl ? new SslOptions { CaFile = caFile, ClientCertificateFile = clientCertificate, ClientKeyFile = clientKey } : null,
            LocalDataCenter = localDataCenter,
        };
    }
}
