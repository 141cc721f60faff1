using Npgsql;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Postgres;

namespace UserStream.Api.Tests;

/// <summary>The Api as a real process over a PostgreSQL store seeded with known users.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const int SeededUsers = 137;

    public ServiceProcess Api { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public IReadOnlyList<StoredUser> Users { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(postgres))
        {
            var store = new PostgresUserStore(dataSource);
            await store.EnsureSchemaAsync();
            Users = Enumerable.Range(0, SeededUsers).Select(_ => TestUsers.Stored()).ToList();
            await store.UpsertAsync(Users.ToList());
        }
        Api = await ServiceProcess.StartAsync("Api", new Dictionary<string, string> { ["ConnectionStrings__postgres"] = postgres });
        Client = Api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
