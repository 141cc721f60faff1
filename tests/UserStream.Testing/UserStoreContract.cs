using UserStream.UserStore;

namespace UserStream.Testing;

/// <summary>
/// What every <see cref="IUserStore"/> must do. Each implementation's test class derives from this
/// and provides a fresh, empty store with its schema created.
/// </summary>
public abstract class UserStoreContract
{
    /// <summary>A new store with no users, schema already ensured.</summary>
    protected abstract Task<IUserStore> CreateEmptyStoreAsync();

    [Fact]
    public async Task Upserted_user_is_found_by_id_with_every_field()
    {
        var store = await CreateEmptyStoreAsync();
        var user = TestUsers.Stored();
        await store.UpsertAsync([user]);

        var found = await store.GetByIdAsync(user.Id);
        Assert.NotNull(found);
        AssertSameUser(user, found);
    }

    [Fact]
    public async Task Unknown_id_and_email_find_nothing()
    {
        var store = await CreateEmptyStoreAsync();
        Assert.Null(await store.GetByIdAsync(Guid.NewGuid()));
        Assert.Null(await store.GetByEmailAsync("nobody@example.com"));
    }

    [Fact]
    public async Task Same_user_written_twice_is_one_row_holding_the_latest_values()
    {
        var store = await CreateEmptyStoreAsync();
        var first = TestUsers.Stored();
        var second = first with { FirstName = "Changed", RunId = Guid.NewGuid() };
        await store.UpsertAsync([first]);
        await store.UpsertAsync([second]);

        var page = await store.ListAsync(100, null);
        var only = Assert.Single(page.Items);
        Assert.Equal("Changed", only.FirstName);
        Assert.Equal(second.RunId, only.RunId);
    }

    [Fact]
    public async Task Same_user_twice_in_one_batch_is_one_row()
    {
        var store = await CreateEmptyStoreAsync();
        var user = TestUsers.Stored();
        await store.UpsertAsync([user, user with { LastName = "Later" }]);

        var only = Assert.Single((await store.ListAsync(100, null)).Items);
        Assert.Equal("Later", only.LastName);
    }

    [Fact]
    public async Task Email_lookup_ignores_case()
    {
        var store = await CreateEmptyStoreAsync();
        var user = TestUsers.Stored(email: "jennie.nichols@example.com");
        await store.UpsertAsync([user]);

        var found = await store.GetByEmailAsync("Jennie.Nichols@EXAMPLE.com");
        Assert.Equal(user.Id, found?.Id);
    }

    [Fact]
    public async Task Empty_store_lists_an_empty_last_page()
    {
        var store = await CreateEmptyStoreAsync();
        var page = await store.ListAsync(10, null);
        Assert.Empty(page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(500)]
    public async Task Walking_all_pages_returns_every_user_exactly_once(int limit)
    {
        var store = await CreateEmptyStoreAsync();
        var users = Enumerable.Range(0, 53).Select(_ => TestUsers.Stored()).ToList();
        foreach (var chunk in users.Chunk(20))
            await store.UpsertAsync(chunk);

        var seen = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(limit, token);
            Assert.True(page.Items.Count <= limit, $"page of {page.Items.Count} exceeds limit {limit}");
            seen.AddRange(page.Items.Select(u => u.Id));
            token = page.NextPageToken;
            Assert.True(++pages <= 60, "paging did not end");
        }
        while (token is not null);

        Assert.Equal(users.Select(u => u.Id).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Pages_are_in_a_stable_order()
    {
        var store = await CreateEmptyStoreAsync();
        await store.UpsertAsync(Enumerable.Range(0, 20).Select(_ => TestUsers.Stored()).ToList());

        var first = await store.ListAsync(20, null);
        var again = await store.ListAsync(20, null);
        Assert.Equal(first.Items.Select(u => u.Id), again.Items.Select(u => u.Id));
    }

    [Fact]
    public async Task A_token_the_store_did_not_issue_is_rejected()
    {
        var store = await CreateEmptyStoreAsync();
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => store.ListAsync(10, "bm90LWEtdG9rZW4"));
    }

    [Fact]
    public async Task Ensuring_the_schema_again_keeps_the_data()
    {
        var store = await CreateEmptyStoreAsync();
        var user = TestUsers.Stored();
        await store.UpsertAsync([user]);
        await store.EnsureSchemaAsync();
        Assert.NotNull(await store.GetByIdAsync(user.Id));
    }

    [Fact]
    public async Task A_reachable_store_answers_ping()
    {
        var store = await CreateEmptyStoreAsync();
        await store.PingAsync();
    }

    private static void AssertSameUser(StoredUser expected, StoredUser actual)
    {
        // Stores keep timestamps to the millisecond (Cassandra) or microsecond (PostgreSQL).
        static DateTimeOffset Ms(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var normalisedExpected = expected with { Dob = Ms(expected.Dob), RegisteredDate = Ms(expected.RegisteredDate), IngestedAt = Ms(expected.IngestedAt) };
        var normalisedActual = actual with { Dob = Ms(actual.Dob), RegisteredDate = Ms(actual.RegisteredDate), IngestedAt = Ms(actual.IngestedAt) };
        Assert.Equal(normalisedExpected, normalisedActual);
    }
}
