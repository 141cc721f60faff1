using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;
using UserStream.Cassandra;
using UserStream.Cql;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a Cassandra <see cref="Cluster"/> and <see cref="ISession"/> the way an Aspire client integration would.</summary>
public static class AspireCassandraSessionExtensions
{
    /// <summary>The configuration section <see cref="CassandraSessionSettings"/> is bound from.</summary>
    public const string DefaultConfigSectionName = "Aspire:Cassandra:Session";

    /// <summary>Name of the health check this registers.</summary>
    public const string HealthCheckName = "Cassandra";

    /// <summary>
    /// Registers, as singletons: <see cref="CassandraSessionSettings"/>; a <see cref="Cluster"/> built from the
    /// connection string without its keyspace (nothing connects until first used); and an <see cref="ISession"/>
    /// connected into the connection string's keyspace when first resolved (so resolve it once Cassandra is
    /// reachable; code that must start earlier takes the <see cref="Cluster"/>). Adds the "Cassandra" health check
    /// and the CQL client's ActivitySource to tracing unless the settings turn them off.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">Name of the connection string (<c>ConnectionStrings:{connectionName}</c>).</param>
    /// <param name="configureSettings">Changes the settings after they were read from configuration.</param>
    /// <exception cref="InvalidOperationException">No connection string is configured.</exception>
    /// <exception cref="FormatException">The connection string cannot be read.</exception>
    public static void AddCassandraSession(this IHostApplicationBuilder builder, string connectionName,
        Action<CassandraSessionSettings>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var settings = new CassandraSessionSettings();
        builder.Configuration.GetSection(DefaultConfigSectionName).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
            settings.ConnectionString = connectionString;
        configureSettings?.Invoke(settings);

        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new InvalidOperationException(
                $"Cassandra connection string is missing: set ConnectionStrings:{connectionName} (ConnectionStrings__{connectionName}) " +
                $"or '{DefaultConfigSectionName}:ConnectionString'.");
        var parsed = CqlConnectionString.Parse(settings.ConnectionString);

        builder.Services.TryAddSingleton(settings);
        builder.Services.TryAddSingleton(_ => BuildCluster(parsed));
        builder.Services.TryAddSingleton<ISession>(sp =>
            sp.GetRequiredService<Cluster>().ConnectAsync(parsed.DefaultKeyspace).GetAwaiter().GetResult());

        if (!settings.DisableHealthChecks)
        {
            builder.Services.TryAddSingleton(sp => new CassandraHealthCheck(sp.GetRequiredService<Cluster>(), settings.HealthCheckTimeout));
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                HealthCheckName, sp => sp.GetRequiredService<CassandraHealthCheck>(), failureStatus: default, tags: default));
        }

        if (!settings.DisableTracing)
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(CqlInstrumentation.ActivitySourceName));
    }

    private static Cluster BuildCluster(CqlConnectionString connection)
    {
        var cluster = Cluster.Builder().AddContactPoints([.. connection.ContactPoints]);
        if (connection.Port is { } port) cluster.WithPort(port);
        if (connection.Username is not null) cluster.WithCredentials(connection.Username, connection.Password ?? "");
        if (connection.Ssl is not null) cluster.WithSsl(connection.Ssl);
        if (connection.LocalDataCenter is not null) cluster.WithLocalDataCenter(connection.LocalDataCenter);
        return cluster.Build();
    }
}
