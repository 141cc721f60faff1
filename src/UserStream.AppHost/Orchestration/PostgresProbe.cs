using Npgsql;

namespace UserStream.AppHost.Orchestration;

/// <summary>Ready when PostgreSQL answers <c>SELECT 1</c> with the connection string the services will get.</summary>
public sealed class PostgresProbe(string connectionString) : IReadinessProbe
{
    public string Description => "PostgreSQL query SELECT 1";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
