using Npgsql;
using NpgsqlTypes;

namespace UserStream.UserStore.Postgres;

/// <summary>The user store in PostgreSQL (schema <c>user_stream</c>, table <c>created_users</c>): used where no Cassandra is configured.</summary>
public sealed class PostgresUserStore(NpgsqlDataSource dataSource) : IUserStore
{
    private const string Columns =
        "id, first_name, last_name, gender, address, post_code, email, username, dob, registered_date, phone, picture, nationality, ingested_at, run_id";

    public string Kind => "postgres";

    public StoreErrorKind Classify(Exception exception) => PostgresStoreErrors.Classify(exception);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(PostgresUserStoreSchema.Sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task UpsertAsync(IReadOnlyCollection<StoredUser> users, CancellationToken cancellationToken = default)
    {
        if (users.Count == 0)
            return;
        // One statement for the whole batch; within a batch the last copy of a user wins,
        // as ON CONFLICT cannot touch the same row twice in one statement.
        var batch = users.GroupBy(u => u.Id).Select(g => g.Last()).ToArray();
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO user_stream.created_users ({Columns})
            SELECT * FROM unnest(@id, @first_name, @last_name, @gender, @address, @post_code, @email, @username,
                                 @dob, @registered_date, @phone, @picture, @nationality, @ingested_at, @run_id)
            ON CONFLICT (id) DO UPDATE SET
                first_name = excluded.first_name, last_name = excluded.last_name, gender = excluded.gender,
                address = excluded.address, post_code = excluded.post_code, email = excluded.email,
                username = excluded.username, dob = excluded.dob, registered_date = excluded.registered_date,
                phone = excluded.phone, picture = excluded.picture, nationality = excluded.nationality,
                ingested_at = excluded.ingested_at, run_id = excluded.run_id, stored_at = now()
            """);
        Add(command, "id", NpgsqlDbType.Uuid, batch.Select(u => u.Id));
        Add(command, "first_name", NpgsqlDbType.Text, batch.Select(u => u.FirstName));
        Add(command, "last_name", NpgsqlDbType.Text, batch.Select(u => u.LastName));
        Add(command, "gender", NpgsqlDbType.Text, batch.Select(u => u.Gender));
        Add(command, "address", NpgsqlDbType.Text, batch.Select(u => u.Address));
        Add(command, "post_code", NpgsqlDbType.Text, batch.Select(u => u.PostCode));
        Add(command, "email", NpgsqlDbType.Text, batch.Select(u => u.Email));
        Add(command, "username", NpgsqlDbType.Text, batch.Select(u => u.Username));
        Add(command, "dob", NpgsqlDbType.TimestampTz, batch.Select(u => u.Dob.UtcDateTime));
        Add(command, "registered_date", NpgsqlDbType.TimestampTz, batch.Select(u => u.RegisteredDate.UtcDateTime));
        Add(command, "phone", NpgsqlDbType.Text, batch.Select(u => u.Phone));
        Add(command, "picture", NpgsqlDbType.Text, batch.Select(u => u.Picture));
        Add(command, "nationality", NpgsqlDbType.Text, batch.Select(u => u.Nationality));
        Add(command, "ingested_at", NpgsqlDbType.TimestampTz, batch.Select(u => u.IngestedAt.UtcDateTime));
        Add(command, "run_id", NpgsqlDbType.Uuid, batch.Select(u => u.RunId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<StoredUser?> GetByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        SingleAsync("id = @value", id, cancellationToken);

    public Task<StoredUser?> GetByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        SingleAsync("lower(email) = lower(@value)", email, cancellationToken);

    public async Task<UserPage> ListAsync(int limit, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = pageToken is null ? (Guid?)null : PostgresPageToken.Decode(pageToken);
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM user_stream.created_users WHERE (@after::uuid IS NULL OR id > @after) ORDER BY id LIMIT @take");
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Uuid) { Value = (object?)after ?? DBNull.Value });
        command.Parameters.AddWithValue("take", limit + 1);
        var items = await ReadAllAsync(command, cancellationToken);
        if (items.Count <= limit)
            return new UserPage(items, null);
        items.RemoveAt(limit);
        return new UserPage(items, PostgresPageToken.Encode(items[^1].Id));
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<StoredUser?> SingleAsync<T>(string where, T value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM user_stream.created_users WHERE {where} LIMIT 1");
        command.Parameters.AddWithValue("value", value!);
        var rows = await ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<List<StoredUser>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var users = new List<StoredUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new StoredUser(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), Utc(reader, 8), Utc(reader, 9),
                NullableString(reader, 10), NullableString(reader, 11), reader.GetString(12), Utc(reader, 13), reader.GetGuid(14)));
        }
        return users;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Utc(NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });
}
