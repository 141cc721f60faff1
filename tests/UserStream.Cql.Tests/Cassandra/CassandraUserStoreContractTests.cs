using UserStream.Cql.TestServer;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Cassandra;

namespace UserStream.Cql.Tests.Cassandra;

/// <summary>The shared user-store contract, run by the Cassandra store through the CQL client against the CQL test server.</summary>
public sealed class CassandraUserStoreContractTests : UserStoreContract, IAsyncLifetime
{
    private readonly List<CqlTestServer> _servers = [];
    private readonly List<CassandraUserStore> _stores = [];

    protected override async Task<IUserStore> CreateEmptyStoreAsync()
    {
        var server = CqlTestServer.Start();
        _servers.Add(server);
        var store = CassandraUserStore.FromConnectionString(server.ConnectionString());
        _stores.Add(store);
        await store.EnsureSchemaAsync();
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        foreach (var server in _servers) await server.DisposeAsync();
    }
}

/// <summary>The shared user-store contract on a three-node test cluster: each node has its own prepared-statement cache.</summary>
public sealed class CassandraUserStoreOnThreeNodesContractTests : UserStoreContract, IAsyncLifetime
{
    private readonly List<CqlTestCluster> _clusters = [];
    private readonly List<CassandraUserStore> _stores = [];

    protected override async Task<IUserStore> CreateEmptyStoreAsync()
    {
        var cluster = CqlTestCluster.Start(3);
        _clusters.Add(cluster);
        var store = CassandraUserStore.FromConnectionString(cluster.ConnectionString());
        _stores.Add(store);
        await store.EnsureSchemaAsync();
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        foreach (var cluster in _clusters) await cluster.DisposeAsync();
    }
}
