using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Cql;
using UserStream.UserStore.Cassandra;
using UserStream.UserStore.Postgres;

namespace UserStream.UserStore;

/// <summary>
/// Chooses the user store from configuration: Cassandra when ConnectionStrings__cassandra is set,
/// PostgreSQL otherwise. The choice is logged at start and reported by /health (check "user-store").
/// The clients come from their integrations: <c>AddCassandraSession("cassandra")</c> or Aspire.Npgsql's
/// <c>AddNpgsqlDataSource("postgres")</c>, with their own health checks and telemetry.
/// </summary>
public static class UserStoreServiceCollectionExtensions
{
    /// <summary>Configuration section with the Cassandra store's options (replication class and factor, data centre, write concurrency).</summary>
    public const string CassandraSection = "UserStore:Cassandra";

    public static IHostApplicationBuilder AddUserStore(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var cassandra = configuration.GetConnectionString("cassandra");
        var postgres = configuration.GetConnectionString("postgres");
        if (!string.IsNullOrWhiteSpace(cassandra))
        {
            var options = configuration.GetSection(CassandraSection).Get<CassandraUserStoreOptions>() ?? new CassandraUserStoreOptions();
            RequireUserStoreKeyspace(cassandra);
            builder.AddCassandraSession("cassandra");
            // The cluster carries no keyspace: the store creates user_stream and names it in every statement.
            services.AddSingleton<IUserStore>(sp => new CassandraUserStore(sp.GetRequiredService<Cluster>(), options));
        }
        else if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.AddNpgsqlDataSource("postgres", configureDataSourceBuilder: dataSource => dataSource.ConfigureTracing(tracing => tracing
                // As in the ingestor: only commands inside a span (a request, a consumed batch) are traced, so
                // background work without one (schema creation and its retries) adds no traces of its own.
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null)));
            services.AddSingleton<IUserStore, PostgresUserStore>();
        }
        else
        {
            throw new InvalidOperationException(
                "No user store configured: set ConnectionStrings__cassandra (Cassandra) or ConnectionStrings__postgres (PostgreSQL).");
        }

        services.AddSingleton<UserStoreInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<UserStoreInitializer>());
        services.AddHealthChecks().AddCheck<UserStoreInitializer>("user-store");
        return builder;
    }

    private static void RequireUserStoreKeyspace(string connectionString)
    {
        if (CqlConnectionString.Parse(connectionString).DefaultKeyspace is { } keyspace && keyspace != CassandraUserStoreCql.Keyspace)
            throw new ArgumentException(
                $"The user store lives in keyspace {CassandraUserStoreCql.Keyspace}; ConnectionStrings__cassandra names '{keyspace}'.");
    }
}
