using UserStream.Cql;

namespace UserStream.UserStore.Cassandra;

/// <summary>The store's statements, prepared once per session.</summary>
internal sealed record PreparedStatements(
    PreparedStatement InsertUser,
    PreparedStatement InsertEmail,
    PreparedStatement SelectUserById,
    PreparedStatement SelectIdByEmail,
    PreparedStatement SelectUsers)
{
    public static async Task<PreparedStatements> PrepareAsync(ISession session, CancellationToken cancellationToken) => new(
        await session.PrepareAsync(CassandraUserStoreCql.InsertUser, cancellationToken),
        await session.PrepareAsync(CassandraUserStoreCql.InsertEmail, cancellationToken),
        await session.PrepareAsync(CassandraUserStoreCql.SelectUserById, cancellationToken),
        await session.PrepareAsync(CassandraUserStoreCql.SelectIdByEmail, cancellationToken),
        await session.PrepareAsync(CassandraUserStoreCql.SelectUsers, cancellationToken));
}
