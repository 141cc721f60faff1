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
        -- Outbox rows the broker refused for good, and why (by error code), added up per run.
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS publish_failed integer NOT NULL DEFAULT 0;
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS publish_failed_reasons jsonb NOT NULL DEFAULT '{}'::jsonb;
        -- The ingestor instance working on a queued or fetching run, until when (renewed while it works on it);
        -- a run whose lease ran out has no worker and is claimed again by the sweep.
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS claimed_by uuid;
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS lease_until timestamptz;
        -- Token of the write that recorded the last page: a retried write whose commit did get through recognises itself.
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS last_page_token uuid;
        CREATE INDEX IF NOT EXISTS runs_created_at_idx ON ingest.runs (created_at DESC);
        -- The sweep and the queue limit look at unfinished runs: without this they would read every run ever made.
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
        -- A row the broker refused for good: when, and the broker's error. It is never claimed again.
        ALTER TABLE ingest.outbox ADD COLUMN IF NOT EXISTS failed_at timestamptz;
        ALTER TABLE ingest.outbox ADD COLUMN IF NOT EXISTS error text;
        DROP INDEX IF EXISTS ingest.outbox_unpublished_idx;
        -- The relay's queue: the id of each outbox row neither published nor failed, in a narrow table of its own. The
        -- relay claims (locks) and deletes here, so a claim reads a small table whose dead entries vacuum clears quickly,
        -- where a partial index on the wide outbox made every claim walk past the entries of rows already sent, and
        -- locked the wide rows. A statement trigger fills it for every insert into the outbox, COPY included.
        CREATE TABLE IF NOT EXISTS ingest.outbox_pending (id bigint PRIMARY KEY);
        CREATE OR REPLACE FUNCTION ingest.outbox_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO ingest.outbox_pending (id) SELECT id FROM new_rows WHERE published_at IS NULL AND failed_at IS NULL;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS outbox_enqueue ON ingest.outbox;
        CREATE TRIGGER outbox_enqueue AFTER INSERT ON ingest.outbox REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION ingest.outbox_enqueue();
        -- A ledger from before the pending table: its queue was the partial index outbox_pending_idx. Its rows move once.
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'ingest' AND indexname = 'outbox_pending_idx') THEN
                INSERT INTO ingest.outbox_pending (id)
                    SELECT id FROM ingest.outbox WHERE published_at IS NULL AND failed_at IS NULL ON CONFLICT DO NOTHING;
                DROP INDEX ingest.outbox_pending_idx;
            END IF;
        END $$;
        CREATE INDEX IF NOT EXISTS outbox_published_at_idx ON ingest.outbox (published_at) WHERE published_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS outbox_failed_at_idx ON ingest.outbox (failed_at) WHERE failed_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS ingest.schedule_state (
            name          text PRIMARY KEY,
            last_fired_at timestamptz NOT NULL
        );
        -- One row while the operator has paused the schedule (POST /schedule/pause).
        CREATE TABLE IF NOT EXISTS ingest.schedule_pause (
            only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            paused_at timestamptz NOT NULL
        );
        -- Attempts of a run (automatic retries, Ingestion:Retries) and when the next one is due.
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS attempt integer NOT NULL DEFAULT 1;
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS retry_at timestamptz;
        -- The cron slot a scheduled run stands for.
        ALTER TABLE ingest.runs ADD COLUMN IF NOT EXISTS scheduled_for timestamptz;
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
