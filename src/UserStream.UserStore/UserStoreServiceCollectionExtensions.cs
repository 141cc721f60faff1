using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Cql;
using UserStream.UserStore.Cassandra;
using UserStream.UserStore.Postgres;

namespace UserStream.UserStore;

/// <summary>
/// Chooses the user store from <c>UserStore:Kind</c> (<c>postgres</c>, the default, or <c>cassandra</c>; the AppHost sets
/// it), connected through ConnectionStrings__postgres or ConnectionStrings__cassandra. The choice is logged at start and
/// reported by /health (check "user-store").
/// The clients come from their integrations: <c>AddCassandraSession("cassandra")</c> or Aspire.Npgsql's
/// <c>AddNpgsqlDataSource("postgres")</c>, with their own health checks and telemetry.
/// </summary>
public static class UserStoreServiceCollectionExtensions
{
    /// <summary>Configuration section with the Cassandra store's options (replication class and factor, data centre, write concurrency).</summary>
    public const string CassandraSection = "UserStore:Cassandra";

    /// <summary>The setting naming the store: <c>postgres</c> (the default) or <c>cassandra</c>.</summary>
    public const string KindKey = "UserStore:Kind";

    public static IHostApplicationBuilder AddUserStore(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var kind = configuration[KindKey] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : "postgres";
        switch (kind)
        {
            case "cassandra":
                var options = configuration.GetSection(CassandraSection).Get<CassandraUserStoreOptions>() ?? new CassandraUserStoreOptions();
                RequireUserStoreKeyspace(configuration.GetConnectionString("cassandra"));
                builder.AddCassandraSession("cassandra");
                // The cluster carries no keyspace: the store creates user_stream and names it in every statement.
                services.AddSingleton<IUserStore>(sp => new CassandraUserStore(sp.GetRequiredService<Cluster>(), options));
                break;
            case "postgres":
                if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("postgres")) && !string.IsNullOrWhiteSpace(configuration.GetConnectionString("cassandra")))
                    throw new InvalidOperationException($"ConnectionStrings__cassandra is set, but {KindKey} is postgres (the default): set UserStore__Kind=cassandra to store users in Cassandra.");
                builder.AddNpgsqlDataSource("postgres", configureDataSourceBuilder: dataSource => dataSource.ConfigureTracing(tracing => tracing
                    // As in the ingestor: only commands inside a span (a request, a consumed batch) are traced, so
                    // background work without one (schema creation and its retries) adds no traces of its own.
                    .ConfigureCommandFilter(_ => Activity.Current is not null)
                    .ConfigureBatchFilter(_ => Activity.Current is not null)));
                services.AddSingleton<IUserStore, PostgresUserStore>();
                break;
            default:
                throw new InvalidOperationException($"{KindKey} is '{configuration[KindKey]}': use postgres or cassandra.");
        }

        services.AddSingleton<UserStoreInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<UserStoreInitializer>());
        services.AddHealthChecks().AddCheck<UserStoreInitializer>("user-store");
        return builder;
    }

    private static void RequireUserStoreKeyspace(string? connectionString)
    {
        if (!string.IsNullOrWhiteSpace(connectionString) && CqlConnectionString.Parse(connectionString).DefaultKeyspace is { } keyspace && keyspace != CassandraUserStoreCql.Keyspace)
            throw new ArgumentException(
                $"The user store lives in keyspace {CassandraUserStoreCql.Keyspace}; ConnectionStrings__cassandra names '{keyspace}'.");
    }
}
