using Npgsql;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>What the PostgreSQL user store holds, read with plain SQL (not through the store under test).</summary>
public static class UserRows
{
    public static async Task<long> CountAsync(string connectionString) =>
        (long)(await ScalarAsync(connectionString, "SELECT count(*) FROM user_stream.created_users"))!;

    public static async Task<bool> ExistsAsync(string connectionString, Guid id) =>
        (bool)(await ScalarAsync(connectionString, "SELECT EXISTS (SELECT 1 FROM user_stream.created_users WHERE id = @id)", ("id", id)))!;

    public static async Task<HashSet<Guid>> IdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM user_stream.created_users", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync();
    }
}
