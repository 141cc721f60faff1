using Npgsql;

namespace UserStream.Ingestor.Ledger;

/// <summary>The ingestion ledger in PostgreSQL (schema <c>ingest</c>): runs, the outbox and schedule state.</summary>
public static class IngestLedgerSchema
{
    private const string Sql = """
        SELECT pg_advisory_xact_lock(7301002);
        CREATE SCHEMA IF NOT EXISTS ingest;
        CREATE TABLE IF NOT EXISTS ingest.runs (
            id              uuid PRIMARY KEY,
            trigger         text NOT NULL,
            seed            text NOT NULL,
            requested       integer NOT NULL,
            fetched         integer NOT NULL DEFAULT 0,
            valid           integer NOT NULL DEFAULT 0,
            invalid         integer NOT NULL DEFAULT 0,
            published       integer NOT NULL DEFAULT 0,
            status          text NOT NULL,
            error           text,
            invalid_reasons jsonb NOT NULL DEFAULT '{}'::jsonb,
            created_at      timestamptz NOT NULL DEFAULT now(),
            started_at      timestamptz,
            fetched_at      timestamptz,
            finished_at     timestamptz
        );
        -- Progress of a run written page by page (added after the first release: existing ledgers gain it here).
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS pages_fetched integer NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS runs_created_at_idx ON ingest.runs (created_at DESC);
        -- Start-up looks for runs to resume: without this it would read every run ever made.
        CREATE INDEX IF NOT EXISTS runs_unfinished_idx ON ingest.runs (created_at) WHERE status IN ('queued', 'fetching');
        CREATE TABLE IF NOT EXISTS ingest.outbox (
            id           bigserial PRIMARY KEY,
            run_id       uuid NOT NULL REFERENCES ingest.runs (id),
            message_key  text NOT NULL,
            payload      bytea NOT NULL,
            traceparent  text,
            tracestate   text,
            created_at   timestamptz NOT NULL DEFAULT now(),
            published_at timestamptz
        );
        CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON ingest.outbox (id) WHERE published_at IS NULL;
        CREATE INDEX IF NOT EXISTS outbox_published_at_idx ON ingest.outbox (published_at) WHERE published_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS ingest.schedule_state (
            name          text PRIMARY KEY,
            last_fired_at timestamptz NOT NULL
        );
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
