using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Ingestor;
using UserStream.Ingestor.Runs;
using UserStream.Ingestor.Ledger;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>Base of tests that need the ingestion ledger: a fresh database on the shared PostgreSQL with the ledger schema.</summary>
public abstract class LedgerDatabaseTests : IAsyncLifetime
{
    protected NpgsqlDataSource Db { get; private set; } = null!;
    protected RunLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = NpgsqlDataSource.Create(await SharedInfrastructure.CreateDatabaseAsync());
        await IngestLedgerSchema.EnsureAsync(Db, CancellationToken.None);
        Ledger = new RunLedger(Db);
    }

    /// <summary>The ledger retry the services use, over this test's database.</summary>
    protected LedgerRetry Retry(IngestionOptions? options = null, LedgerReadiness? readiness = null) =>
        new(Db, readiness ?? ReadyLedger(), Options.Create(options ?? new IngestionOptions()), TimeProvider.System, NullLogger<LedgerRetry>.Instance);

    protected static LedgerReadiness ReadyLedger()
    {
        var readiness = new LedgerReadiness();
        readiness.MarkReady();
        return readiness;
    }

    public virtual async Task DisposeAsync()
    {
        var connectionString = Db.ConnectionString;
        await Db.DisposeAsync();
        await SharedInfrastructure.DropDatabaseAsync(connectionString);
    }
}
