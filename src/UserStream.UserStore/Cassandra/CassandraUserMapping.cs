using UserStream.Cql;

namespace UserStream.UserStore.Cassandra;

/// <summary>Maps a <see cref="StoredUser"/> to the bind values of the insert and a result row back to a user.</summary>
internal static class CassandraUserMapping
{
    /// <summary>Values in <see cref="CassandraUserStoreCql.Columns"/> order. Timestamps keep milliseconds, as CQL does.</summary>
    public static object?[] ToValues(StoredUser user) =>
    [
        user.Id, user.FirstName, user.LastName, user.Gender, user.Address, user.PostCode, user.Email, user.Username,
        user.Dob, user.RegisteredDate, user.Phone, user.Picture, user.Nationality, user.IngestedAt, user.RunId,
    ];

    public static StoredUser FromRow(Row row) => new(
        row.GetValue<Guid>("id"),
        row.GetValue<string>("first_name"),
        row.GetValue<string>("last_name"),
        row.GetValue<string?>("gender"),
        row.GetValue<string>("address"),
        row.GetValue<string>("post_code"),
        row.GetValue<string>("email"),
        row.GetValue<string>("username"),
        row.GetValue<DateTimeOffset>("dob"),
        row.GetValue<DateTimeOffset>("registered_date"),
        row.GetValue<string?>("phone"),
        row.GetValue<string?>("picture"),
        row.GetValue<string>("nationality"),
        row.GetValue<DateTimeOffset>("ingested_at"),
        row.GetValue<Guid>("run_id"));

    /// <summary>The key of the e-mail lookup table: addresses compare case-insensitively.</summary>
    public static string EmailKey(string email) => email.ToLowerInvariant();
}
