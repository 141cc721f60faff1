using System.Data.Common;
using System.Globalization;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.AppHost.Infrastructure;

/// <summary>How to tell an attached (external) resource is reachable, read from its connection string.</summary>
public static class ExternalEndpoints
{
    public static IReadinessProbe ProbeFor(InfrastructureKind kind, string connectionString) => kind switch
    {
        InfrastructureKind.Postgres => new PostgresProbe(connectionString),
        InfrastructureKind.Kafka => KafkaProbe(connectionString),
        InfrastructureKind.Cassandra => CassandraProbe(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A TCP probe of the first bootstrap server in "host:port[,host:port]" (a scheme prefix is allowed).</summary>
    public static TcpProbe KafkaProbe(string bootstrapServers)
    {
        var first = bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? throw new InvalidOperationException("ConnectionStrings:kafka names no bootstrap server.");
        var schemeEnd = first.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
            first = first[(schemeEnd + 3)..];
        var colon = first.LastIndexOf(':');
        return colon > 0 && int.TryParse(first[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new TcpProbe(first[..colon], port)
            : new TcpProbe(first, 9092);
    }

    /// <summary>A TCP probe of the first contact point at Port (9042 by default).</summary>
    public static TcpProbe CassandraProbe(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var points = builder.TryGetValue("Contact Points", out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        var first = points?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? throw new InvalidOperationException("ConnectionStrings:cassandra has no 'Contact Points'.");
        var port = builder.TryGetValue("Port", out var p) && int.TryParse(Convert.ToString(p, CultureInfo.InvariantCulture), out var parsed) ? parsed : 9042;
        return new TcpProbe(first, port);
    }
}
