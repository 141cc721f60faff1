using UserStream.UserStore;
using UserStream.UserStore.Postgres;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>A user store in memory whose writes fail as the test says, classified as PostgreSQL's errors are.</summary>
public sealed class FakeUserStore(Func<IReadOnlyCollection<StoredUser>, Exception?> failure) : IUserStore
{
    private readonly List<StoredUser> _stored = [];

    public string Kind => "fake";
    public int Writes { get; private set; }
    public IReadOnlyList<StoredUser> Stored => _stored;

    public Task UpsertAsync(IReadOnlyCollection<StoredUser> users, CancellationToken cancellationToken = default)
    {
        Writes++;
        if (failure(users) is { } error)
            throw error;
        _stored.AddRange(users);
        return Task.CompletedTask;
    }

    public StoreErrorKind Classify(Exception exception) => PostgresStoreErrors.Classify(exception);

    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task<StoredUser?> GetByIdAsync(Guid id, CancellationToken cancellationToken = default) => Task.FromResult(_stored.LastOrDefault(u => u.Id == id));
    public Task<StoredUser?> GetByEmailAsync(string email, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<UserPage> ListAsync(int limit, string? pageToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
