using Npgsql;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Postgres;

namespace UserStream.Api.Tests.UserStore;

/// <summary>The store contract against a real PostgreSQL (a fresh database per test).</summary>
public sealed class PostgresUserStoreTests : UserStoreContract, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<IUserStore> CreateEmptyStoreAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await SharedInfrastructure.CreateDatabaseAsync());
        _dataSources.Add(dataSource);
        var store = new PostgresUserStore(dataSource);
        await store.EnsureSchemaAsync();
        return store;
    }

    [Fact]
    public async Task Concurrent_schema_creation_by_two_services_succeeds()
    {
        var dataSource = NpgsqlDataSource.Create(await SharedInfrastructure.CreateDatabaseAsync());
        _dataSources.Add(dataSource);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new PostgresUserStore(dataSource).EnsureSchemaAsync()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            var connectionString = dataSource.ConnectionString;
            await dataSource.DisposeAsync();
            await SharedInfrastructure.DropDatabaseAsync(connectionString);
        }
    }
}
