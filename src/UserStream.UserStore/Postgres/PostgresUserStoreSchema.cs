namespace UserStream.UserStore.Postgres;

/// <summary>DDL of the PostgreSQL user store; idempotent, and serialised by an advisory lock so the processor and the Api can both run it at start.</summary>
internal static class PostgresUserStoreSchema
{
    public const string Sql = """
        SELECT pg_advisory_xact_lock(7301001);
        CREATE SCHEMA IF NOT EXISTS user_stream;
        CREATE TABLE IF NOT EXISTS user_stream.created_users (
            id              uuid PRIMARY KEY,
            first_name      text NOT NULL,
            last_name       text NOT NULL,
            gender          text,
            address         text NOT NULL,
            post_code       text NOT NULL,
            email           text NOT NULL,
            username        text NOT NULL,
            dob             timestamptz NOT NULL,
            registered_date timestamptz NOT NULL,
            phone           text,
            picture         text,
            nationality     text NOT NULL,
            ingested_at     timestamptz NOT NULL,
            run_id          uuid NOT NULL,
            stored_at       timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS created_users_email_idx ON user_stream.created_users (lower(email));
        """;
}
