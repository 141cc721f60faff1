using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Cassandra;
using UserStream.UserStore.Postgres;

namespace UserStream.Api.Tests.UserStore;

/// <summary>AddUserStore picks the store and takes its client from the integrations (Aspire.Npgsql, AddCassandraSession).</summary>
public sealed class UserStoreRegistrationTests
{
    [Fact]
    public async Task PostgreSQL_store_uses_the_data_source_and_health_check_of_Aspire_Npgsql()
    {
        using var host = Build(new() { ["ConnectionStrings:postgres"] = await SharedInfrastructure.CreateDatabaseAsync() });

        Assert.IsType<PostgresUserStore>(host.Services.GetRequiredService<IUserStore>());
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var command = dataSource.CreateCommand("SELECT 1"))
            Assert.Equal(1, await command.ExecuteScalarAsync());
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "PostgreSql");
        Assert.Equal(HealthStatus.Healthy, Assert.Single(report.Entries).Value.Status);
    }

    [Fact]
    public void Aspire_Npgsql_settings_are_read_from_their_section()
    {
        using var host = Build(new()
        {
            ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Aspire:Npgsql:DisableHealthChecks"] = "true",
        });

        Assert.DoesNotContain(HealthCheckNames(host), name => name == "PostgreSql");
        Assert.Contains("user-store", HealthCheckNames(host));
    }

    [Fact]
    public void Cassandra_store_is_chosen_when_the_kind_says_so_and_gets_the_Cassandra_health_check()
    {
        using var host = Build(new()
        {
            ["UserStore:Kind"] = "cassandra",
            ["ConnectionStrings:cassandra"] = "Contact Points=127.0.0.1;Port=1;Default Keyspace=user_stream",
            ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=1;Database=none",
        });

        Assert.IsType<CassandraUserStore>(host.Services.GetRequiredService<IUserStore>());
        Assert.Contains("Cassandra", HealthCheckNames(host));
        Assert.DoesNotContain("PostgreSql", HealthCheckNames(host));
    }

    [Fact]
    public void A_Cassandra_keyspace_other_than_user_stream_is_refused_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(new() { ["UserStore:Kind"] = "cassandra", ["ConnectionStrings:cassandra"] = "Contact Points=127.0.0.1;Default Keyspace=shop" }));
        Assert.Contains("'shop'", error.Message);
    }

    [Fact]
    public void A_Cassandra_connection_string_alone_does_not_choose_the_store_and_the_error_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["ConnectionStrings:cassandra"] = "Contact Points=127.0.0.1;Default Keyspace=user_stream" }));
        Assert.Contains("UserStore__Kind=cassandra", error.Message);
    }

    [Fact]
    public void An_unknown_store_kind_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["UserStore:Kind"] = "mongo" }));
        Assert.Contains("use postgres or cassandra", error.Message);
    }

    private static IHost Build(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddUserStore();
        return builder.Build();
    }

    private static List<string> HealthCheckNames(IHost host) =>
        host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();
}
