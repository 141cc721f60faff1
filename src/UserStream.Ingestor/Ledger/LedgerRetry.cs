using Microsoft.Extensions.Options;
using Npgsql;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// Runs ledger operations through PostgreSQL outages, as <see cref="PostgresErrors"/> classifies their errors: a
/// transient error is retried with exponential backoff and jitter (idle pooled connections, which an outage breaks, are
/// dropped first), a missing schema is created again before the retry, a permanent error is thrown at once. An outage
/// that lasts longer than <see cref="IngestionOptions.PostgresOutageLimit"/> ends in a <see cref="LedgerUnavailableException"/>
/// with the last error. Each operation must be safe to run again after a failure whose outcome is unknown.
/// </summary>
public sealed class LedgerRetry(
    NpgsqlDataSource dataSource,
    LedgerReadiness readiness,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<LedgerRetry> logger)
{
    /// <summary>Re-creations of the schema one operation may ask for; more means the error is not a lost schema after all.</summary>
    private const int MaxSchemaRecreations = 3;

    private readonly IngestionOptions _options = options.Value;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);

    public async Task<T> ExecuteAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        DateTimeOffset? outageSince = null;
        var attempt = 0;
        var recreations = 0;
        while (true)
        {
            try
            {
                var result = await operation(cancellationToken);
                if (outageSince is { } since)
                    logger.LogInformation("PostgreSQL answers again: {What} succeeded after {Attempts} attempts over {Elapsed}",
                        what, attempt + 1, clock.GetUtcNow() - since);
                return result;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var kind = PostgresErrors.Classify(e);
                if (kind == PostgresErrorKind.Permanent || (kind == PostgresErrorKind.SchemaMissing && ++recreations > MaxSchemaRecreations))
                    throw;
                outageSince ??= clock.GetUtcNow();
                var elapsed = clock.GetUtcNow() - outageSince.Value;
                if (elapsed >= _options.PostgresOutageLimit)
                    throw new LedgerUnavailableException(
                        $"PostgreSQL was unavailable for longer than the outage limit ({_options.PostgresOutageLimit}, Ingestion:PostgresOutageLimit) while {what}: {e.Message}", e);

                var delay = Backoff(attempt++);
                if (delay > _options.PostgresOutageLimit - elapsed)
                    delay = _options.PostgresOutageLimit - elapsed;
                logger.LogWarning("PostgreSQL error while {What} ({Kind}: {Error}); attempt {Attempt}, retrying in {Delay}",
                    what, kind, e.Message, attempt, delay);
                if (kind == PostgresErrorKind.SchemaMissing)
                    await TryRecreateSchemaAsync(e, cancellationToken);
                else
                    dataSource.Clear();
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }

    public Task ExecuteAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        ExecuteAsync(what, async token =>
        {
            await operation(token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// For loops that wait and retry on their own (relay, clean-up, scheduler, sweep): classifies <paramref name="error"/>,
    /// and when it says the schema is gone, creates it again (a failure to do so is logged; the loop's next round tries again).
    /// </summary>
    public async Task<PostgresErrorKind> RecoverAsync(Exception error, CancellationToken cancellationToken)
    {
        var kind = PostgresErrors.Classify(error);
        if (kind == PostgresErrorKind.SchemaMissing)
            await TryRecreateSchemaAsync(error, cancellationToken);
        else if (kind == PostgresErrorKind.Transient)
            dataSource.Clear();
        return kind;
    }

    /// <summary>Creates the ledger schema again (idempotent; one caller at a time here, and an advisory lock across ingestors).</summary>
    private async Task TryRecreateSchemaAsync(Exception cause, CancellationToken cancellationToken)
    {
        readiness.MarkSchemaMissing(cause.Message);
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            await IngestLedgerSchema.EnsureAsync(dataSource, cancellationToken);
            readiness.MarkReady();
            logger.LogWarning("The ingestion ledger schema was missing ({Error}) and has been created again", cause.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && PostgresErrors.IsRecoverable(e))
        {
            logger.LogWarning("Could not create the ledger schema again yet: {Error}", e.Message);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.PostgresRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)),
            _options.PostgresMaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
