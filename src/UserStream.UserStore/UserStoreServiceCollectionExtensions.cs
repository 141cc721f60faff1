using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UserStream.UserStore.Postgres;

namespace UserStream.UserStore;

/// <summary>Chooses the user store from configuration: Cassandra when ConnectionStrings__cassandra is set, PostgreSQL otherwise.</summary>
public static class UserStoreServiceCollectionExtensions
{
    public static IServiceCollection AddUserStore(this IServiceCollection services, IConfiguration configuration)
    {
        var cassandra = configuration.GetConnectionString("cassandra");
        if (!string.IsNullOrWhiteSpace(cassandra))
            throw new NotSupportedException("The Cassandra user store is not available yet: unset ConnectionStrings__cassandra to use PostgreSQL.");

        var postgres = configuration.GetConnectionString("postgres");
        if (string.IsNullOrWhiteSpace(postgres))
            throw new InvalidOperationException(
                "No user store configured: set ConnectionStrings__cassandra (Cassandra) or ConnectionStrings__postgres (PostgreSQL).");
        services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<UserStoreInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<UserStoreInitializer>());
        services.AddHealthChecks().AddCheck<UserStoreInitializer>("user-store");
        return services;
    }
}
