using Aspire.Hosting.Testing;
using Npgsql;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>The AppHost's PostgreSQL as the tests read it: the ledger and outbox (schema ingest) and the stored users.</summary>
public static class PipelineDatabase
{
    /// <summary>A data source on the AppHost's postgres resource (trust authentication on loopback: nothing secret).</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(AppHostFixture appHost) =>
        NpgsqlDataSource.Create(await appHost.App.GetConnectionStringAsync("postgres")
            ?? throw new InvalidOperationException("postgres has no connection string"));

    /// <summary>Users of <paramref name="run"/> in the user store.</summary>
    public static async Task<long> CountStoredAsync(AppHostFixture appHost, string run)
    {
        await using var db = await OpenAsync(appHost);
        await using var command = db.CreateCommand("SELECT count(*) FROM user_stream.created_users WHERE run_id = @run");
        command.Parameters.AddWithValue("run", Guid.Parse(run));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
