namespace UserStream.UserStore;

/// <summary>Where processed users are kept. Every implementation passes the same contract test suite.</summary>
public interface IUserStore
{
    /// <summary>Short name for logs and health ("postgres", "cassandra").</summary>
    string Kind { get; }

    /// <summary>Creates the schema when it is missing; safe to call at every start.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces users by id: writing the same user twice leaves one row.</summary>
    Task UpsertAsync(IReadOnlyCollection<StoredUser> users, CancellationToken cancellationToken = default);

    Task<StoredUser?> GetByIdAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Finds a user by e-mail address, compared case-insensitively.</summary>
    Task<StoredUser?> GetByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of users in a stable order. Walking the pages from a null token until
    /// <see cref="UserPage.NextPageToken"/> is null returns every stored user exactly once.
    /// </summary>
    /// <exception cref="InvalidPageTokenException">the token was not issued by this store.</exception>
    Task<UserPage> ListAsync(int limit, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// What an exception thrown by <see cref="UpsertAsync"/> means: retry, create the schema again, or isolate the
    /// user the store refuses. Each store decides this in one place (PostgresStoreErrors, CassandraStoreErrors).
    /// </summary>
    StoreErrorKind Classify(Exception exception);

    /// <summary>Throws when the store cannot be reached; used by health checks.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
