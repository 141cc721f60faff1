using Npgsql;

namespace UserStream.Benchmarks;

/// <summary>A stage's rate while it had work waiting, and the share of its active span that was so.</summary>
public sealed record StageRate(double PerSecond, double BusyShare);

/// <summary>
/// The relay's and the processor's own rates during the burst, from timestamps the pipeline already writes.
/// Each stage works in batches, and each row of a batch carries the batch's start time: the outbox's published_at
/// is now() of the relay's claim transaction, the store's stored_at is now() of the processor's upsert statement.
/// The time from one batch's start to the next is one whole cycle of that stage (claim, produce, wait for acks,
/// mark, commit; or collect, parse, upsert, commit offsets). Counting only the cycles after which work was still
/// waiting (more rows had arrived upstream than the stage had taken) measures what the stage can do, not how fast it
/// was fed: a stage starved by the one before it would otherwise look as slow as its feeder. That makes it a fair
/// match for the raw baselines, which never wait for input either.
/// </summary>
public sealed class StageRates(NpgsqlDataSource db)
{
    /// <summary>
    /// Ingest, for the table only (the stage before the relay): outbox rows of the burst over the span from the first
    /// POST to the last outbox insert (created_at), i.e. how fast fetching and validating fed the relay.
    /// </summary>
    public async Task<double?> IngestAsync(IReadOnlyList<Guid> runIds, DateTime firstPostAt)
    {
        var inserts = await BatchesAsync("SELECT created_at, count(*) FROM ingest.outbox WHERE run_id = ANY(@runs) GROUP BY 1 ORDER BY 1", runIds);
        return inserts.Count == 0 ? null : inserts.Sum(b => b.Rows) / Math.Max((inserts[^1].At - firstPostAt).TotalSeconds, 1e-3);
    }

    /// <summary>Relay: arrivals are outbox inserts (created_at), departures its claims (published_at).</summary>
    public async Task<StageRate?> RelayAsync(IReadOnlyList<Guid> runIds) => BusyRate(
        await BatchesAsync("SELECT created_at, count(*) FROM ingest.outbox WHERE run_id = ANY(@runs) GROUP BY 1 ORDER BY 1", runIds),
        await BatchesAsync("SELECT published_at, count(*) FROM ingest.outbox WHERE run_id = ANY(@runs) AND published_at IS NOT NULL GROUP BY 1 ORDER BY 1", runIds));

    /// <summary>
    /// Processor: arrivals are relay batches, counted as on the broker from the relay's next claim (its acks are in by
    /// then); departures are upserts (stored_at; a consumer batch spanning two runs is written as two upserts).
    /// </summary>
    public async Task<StageRate?> ProcessorAsync(IReadOnlyList<Guid> runIds)
    {
        var published = await BatchesAsync(
            "SELECT published_at, count(*) FROM ingest.outbox WHERE run_id = ANY(@runs) AND published_at IS NOT NULL GROUP BY 1 ORDER BY 1", runIds);
        var onBroker = published.Select((b, i) => (i + 1 < published.Count ? published[i + 1].At : b.At.AddSeconds(0.001), b.Rows)).ToList();
        return BusyRate(onBroker,
            await BatchesAsync("SELECT stored_at, count(*) FROM user_stream.created_users WHERE run_id = ANY(@runs) GROUP BY 1 ORDER BY 1", runIds));
    }

    private static StageRate? BusyRate(List<(DateTime At, long Rows)> arrivals, List<(DateTime At, long Rows)> departures)
    {
        if (departures.Count < 2)
            return null;
        double busyRows = 0, busySeconds = 0;
        long departed = 0;
        var arrived = 0L;
        var next = 0;
        for (var i = 0; i + 1 < departures.Count; i++)
        {
            var (at, rows) = departures[i];
            departed += rows;
            while (next < arrivals.Count && arrivals[next].At <= at)
                arrived += arrivals[next++].Rows;
            if (arrived > departed)
            {
                busyRows += rows;
                busySeconds += (departures[i + 1].At - at).TotalSeconds;
            }
        }
        var span = (departures[^1].At - departures[0].At).TotalSeconds;
        if (busySeconds <= 0)
            // Never had work waiting: the best we can say is its rate over the whole span (it kept up with its feeder).
            return new StageRate(departed / Math.Max(span, 1e-3), 0); // departed excludes the last batch, whose cycle ends after the span
        return new StageRate(busyRows / busySeconds, span > 0 ? busySeconds / span : 1);
    }

    private async Task<List<(DateTime At, long Rows)>> BatchesAsync(string sql, IReadOnlyList<Guid> runIds)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("runs", runIds.ToArray());
        var batches = new List<(DateTime, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            batches.Add((reader.GetDateTime(0), reader.GetInt64(1)));
        return batches;
    }
}
