using UserStream.UserStore.Cassandra;

namespace UserStream.Cql.Benchmarks;

/// <summary>The user store's own statements: a 15-column prepared insert and a point read by id.</summary>
internal sealed class UserWorkload
{
    private const int ReadableUsers = 10_000;

    private readonly ISession _session;
    private readonly PreparedStatement _insert;
    private readonly PreparedStatement _select;
    private readonly Guid[] _ids;

    private UserWorkload(ISession session, PreparedStatement insert, PreparedStatement select, Guid[] ids)
    {
        _session = session;
        _insert = insert;
        _select = select;
        _ids = ids;
    }

    public static async Task<UserWorkload> PrepareAsync(ISession session)
    {
        var insert = await session.PrepareAsync(CassandraUserStoreCql.InsertUser);
        var select = await session.PrepareAsync(CassandraUserStoreCql.SelectUserById);
        var ids = Enumerable.Range(0, ReadableUsers).Select(_ => Guid.NewGuid()).ToArray();
        var workload = new UserWorkload(session, insert, select, ids);
        foreach (var chunk in ids.Chunk(256))
            await Task.WhenAll(chunk.Select(id => session.ExecuteAsync(insert.Bind(Values(id, 0)))));
        return workload;
    }

    public Task InsertAsync(int n) => _session.ExecuteAsync(_insert.Bind(Values(Guid.NewGuid(), n)));

    public async Task ReadAsync(int n)
    {
        var rows = await _session.ExecuteAsync(_select.Bind(_ids[n % _ids.Length]));
        if (!rows.Any()) throw new InvalidOperationException("a stored user was not found");
    }

    private static object?[] Values(Guid id, int n)
    {
        var now = DateTimeOffset.UtcNow;
        return
        [
            id, "Jennie", "Nichols", "female", $"{n} Valwood Pkwy, Billings, Michigan, United States", "63104",
            $"jennie.{n}@example.com", $"user{n}", now.AddYears(-30), now.AddYears(-5), "(272) 790-0888",
            "https://randomuser.me/api/portraits/women/75.jpg", "US", now, Guid.Empty,
        ];
    }
}
