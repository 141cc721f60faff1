using Npgsql;
using UserStream.EmbeddedKafka;

namespace UserStream.Testing;

/// <summary>
/// One PostgreSQL server and one Kafka-protocol broker for the whole test run, started on first use
/// and stopped when the test process exits. Tests isolate themselves with a database and topics of
/// their own rather than a server of their own.
/// </summary>
public static class SharedInfrastructure
{
    private static readonly Lazy<Task<LocalPostgresServer>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<EmbeddedKafkaBroker> Kafka = new(StartKafka);

    /// <summary>The embedded broker's bootstrap servers ("127.0.0.1:PORT").</summary>
    public static string KafkaBootstrapServers => Kafka.Value.BootstrapServers;

    public static EmbeddedKafkaBroker Broker => Kafka.Value;

    /// <summary>Creates a topic with a unique name (prefix + random suffix) on the shared broker.</summary>
    public static string CreateTopic(string prefix, int partitions = 4)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        Kafka.Value.CreateTopic(name, partitions);
        return name;
    }

    /// <summary>Creates an empty database on the shared server and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Postgres.Value;
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server.ConnectionString()))
        {
            await connection.OpenAsync();
            // FILE_COPY: copying the template's files writes no WAL (the default WAL_LOG strategy logs every page).
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} STRATEGY = FILE_COPY", connection);
            await command.ExecuteNonQueryAsync();
        }
        return server.ConnectionString(name);
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/> (closing what still uses it), so a test
    /// run keeps a few databases at a time rather than every one it made (each copies the ~7.5 MB template).
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("the connection string names no database", nameof(connectionString));
        var server = await Postgres.Value;
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<LocalPostgresServer> StartPostgresAsync()
    {
        var server = await LocalPostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        // ProcessExit does not run when the test host is killed or cut short: a watchdog removes the server then.
        await server.StopWhenProcessExitsAsync(Environment.ProcessId);
        return server;
    }

    private static EmbeddedKafkaBroker StartKafka()
    {
        var broker = EmbeddedKafkaBroker.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.Dispose();
        return broker;
    }
}
