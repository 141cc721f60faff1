using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UserStream.UserStore.Cassandra;
using UserStream.UserStore.Postgres;

namespace UserStream.UserStore;

/// <summary>
/// Chooses the user store from configuration: Cassandra when ConnectionStrings__cassandra is set,
/// PostgreSQL otherwise. The choice is logged at start and reported by /health (check "user-store").
/// </summary>
public static class UserStoreServiceCollectionExtensions
{
    /// <summary>Configuration section with the Cassandra store's options (replication class and factor, data centre, write concurrency).</summary>
    public const string CassandraSection = "UserStore:Cassandra";

    public static IServiceCollection AddUserStore(this IServiceCollection services, IConfiguration configuration)
    {
        var cassandra = configuration.GetConnectionString("cassandra");
        var postgres = configuration.GetConnectionString("postgres");
        if (!string.IsNullOrWhiteSpace(cassandra))
        {
            var options = configuration.GetSection(CassandraSection).Get<CassandraUserStoreOptions>() ?? new CassandraUserStoreOptions();
            services.AddSingleton<IUserStore>(_ => CassandraUserStore.FromConnectionString(cassandra, options));
        }
        else if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
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
        return services;
    }
}
