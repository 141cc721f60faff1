using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>
/// The consumer loop of group <c>user-stream-processor</c>: collect a batch, make it durable with
/// <see cref="UserBatchHandler"/> (retrying with backoff for as long as the store is down), and only
/// then commit the batch's offsets. A crash or restart re-delivers at most the uncommitted batch,
/// and the store's upsert by id turns that into no duplicate rows. While a store write takes long (an
/// outage), the partitions are paused and the loop keeps polling, so the member stays in its group
/// however long the store is away; offsets are committed only for partitions still owned since the
/// messages were consumed (<see cref="PartitionOwnership"/>).
/// </summary>
public sealed class ProcessorWorker(
    IConsumer<byte[]?, byte[]?> consumer,
    UserBatchHandler handler,
    IUserStore store,
    UserStoreInitializer storeInitializer,
    PartitionOwnership ownership,
    ProcessorStatus status,
    ProcessorMetrics metrics,
    ConsumerStallDetector stallDetector,
    ConsumptionGate gate,
    IOptions<ProcessorOptions> options,
    ILogger<ProcessorWorker> logger) : BackgroundService
{
    /// <summary>How long an idle consumer waits for a first message before it reports that it is polling.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>How often a collect that has nothing yet looks whether the batch being stored is done.</summary>
    private static readonly TimeSpan StoreCheckInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>A store write taking longer than this pauses the partitions (a normal batch takes tens of milliseconds).</summary>
    private static readonly TimeSpan PauseAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long each poll waits while the partitions are paused.</summary>
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(100);

    private readonly ProcessorOptions _options = options.Value;

    /// <summary>Messages consumed while the partitions were paused (already fetched before the pause): the next batch starts with them.</summary>
    private readonly Queue<ConsumedMessage> _carried = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume() blocks, so the loop gets a thread of its own rather than a pool thread.
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await storeInitializer.Ready.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // The consumer is the container's (AddKafkaConsumer): closed here, disposed with the host.
        consumer.Subscribe(_options.Topic);
        logger.LogInformation("Consuming {Topic} as group {Group}; dead letters go to {DeadLetterTopic}",
            _options.Topic, _options.GroupId, _options.DeadLetterTopic);
        // One batch is stored while the next is collected and prepared (parsing is the processor's own CPU, the
        // upsert mostly the database's). Batches are still stored one after another, in order, and a batch's
        // offsets are committed only once it is durable.
        Task<bool>? storing = null;
        PreparedBatch? storingBatch = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (gate.IsPaused)
                {
                    if (storing is not null)
                    {
                        if (!await WaitPollingAsync(storing))
                            break;
                        Commit(storingBatch!);
                        storing = null;
                    }
                    HoldWhilePaused(stoppingToken);
                    continue;
                }
                var batch = CollectBatch(storing, stoppingToken);
                status.Polled();
                stallDetector.Observe(batch.Count, busy: storing is not null);
                var prepared = batch.Count == 0 ? null : handler.Prepare(batch);
                if (storing is not null)
                {
                    if (!await WaitPollingAsync(storing))
                        break;
                    Commit(storingBatch!);
                    ReportLag();
                    storing = null;
                }
                if (prepared is null)
                    continue;
                storing = HandleUntilDurableAsync(prepared, stoppingToken);
                storingBatch = prepared;
            }
            if (storing is not null && await storing)
                Commit(storingBatch!);
        }
        finally
        {
            // Leave the group at once so partitions move to other members without a session timeout.
            try { consumer.Close(); }
            catch (KafkaException e) { logger.LogWarning(e, "Closing the consumer failed"); }
        }
    }

    /// <summary>
    /// Up to <see cref="ProcessorOptions.BatchSize"/> messages, first those carried over from a pause: waits up to
    /// <see cref="IdleWait"/> for a first one (up to the batch window while another batch is being stored, and no longer
    /// than that store takes, so its commit is not held up), then up to the batch window for more.
    /// </summary>
    private List<ConsumedMessage> CollectBatch(Task? storing, CancellationToken stoppingToken)
    {
        var batch = new List<ConsumedMessage>();
        while (batch.Count < _options.BatchSize && _carried.TryDequeue(out var carried))
            batch.Add(carried);
        var deadline = DateTime.UtcNow + (storing is null && batch.Count == 0 ? IdleWait : _options.BatchWindow);
        while (batch.Count < _options.BatchSize && !stoppingToken.IsCancellationRequested)
        {
            if (batch.Count == 0 && storing is { IsCompleted: true })
                break;
            if (gate.IsPaused)
                break; // the operator paused: what is in hand is stored, nothing more is taken
            var wait = deadline - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero)
                break;
            var slice = batch.Count == 0 && storing is not null && wait > StoreCheckInterval ? StoreCheckInterval : wait;
            var result = Consume(slice);
            if (result is null)
            {
                if (slice < wait)
                    continue; // only a slice of the wait has passed
                break;
            }
            if (batch.Count == 0)
                deadline = DateTime.UtcNow + _options.BatchWindow;
            batch.Add(result.Value);
        }
        return batch;
    }

    /// <summary>One poll; a message comes with the epoch its partition is owned in (messages of a partition not owned are left to its owner).</summary>
    private ConsumedMessage? Consume(TimeSpan wait)
    {
        ConsumeResult<byte[]?, byte[]?>? result;
        try
        {
            result = consumer.Consume(wait);
        }
        catch (ConsumeException e)
        {
            logger.LogWarning("Consume failed: {Reason}", e.Error.Reason);
            status.Failed($"consume failed: {e.Error.Reason}");
            return null;
        }
        if (result is null)
            return null;
        if (ownership.EpochOf(result.TopicPartition) is { } epoch)
            return new ConsumedMessage(result, epoch);
        logger.LogDebug("Skipping {Partition}@{Offset}: the partition is not assigned here", result.TopicPartition, result.Offset);
        return null;
    }

    /// <summary>
    /// Waits for the batch being stored. Past <see cref="PauseAfter"/> the assigned partitions are paused and the loop
    /// keeps polling (librdkafka then fetches nothing for them, and a poll keeps the member within max.poll.interval.ms
    /// and serves rebalances); whatever a poll still returns is carried into the next batch. Resumes when the store is done.
    /// </summary>
    private async Task<bool> WaitPollingAsync(Task<bool> storing)
    {
        if (await Task.WhenAny(storing, Task.Delay(PauseAfter)) == storing)
            return await storing;

        var paused = new HashSet<TopicPartition>();
        PauseAssigned(paused);
        logger.LogInformation("The store is taking longer than {PauseAfter}: {Count} partition(s) paused, polling on to stay in the group",
            PauseAfter, paused.Count);
        try
        {
            while (!storing.IsCompleted)
            {
                if (Consume(PausedPoll) is { } carried)
                    _carried.Enqueue(carried);
                status.Polled();
                PauseAssigned(paused); // partitions assigned meanwhile
            }
        }
        finally
        {
            var assigned = consumer.Assignment.Where(paused.Contains).ToList();
            try
            {
                consumer.Resume(assigned);
                logger.LogInformation("Store write finished: {Count} partition(s) resumed", assigned.Count);
            }
            catch (KafkaException e)
            {
                logger.LogWarning("Resuming partitions failed: {Reason}", e.Error.Reason);
            }
        }
        return await storing;
    }

    /// <summary>How often the lag is measured at the broker while consumption is paused (fetches stop, so the consumer's own figures would not move).</summary>
    private static readonly TimeSpan PausedLagInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long the paused loop waits for the broker's answer about one partition.</summary>
    private static readonly TimeSpan PausedBrokerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While the operator has paused consumption: the assigned partitions are paused (and those assigned meanwhile), the
    /// loop polls on so the member stays in its group, messages a poll still returns are carried into the first batch
    /// after, and the lag is measured at the broker so it visibly grows. Resumes the partitions when the gate opens.
    /// </summary>
    private void HoldWhilePaused(CancellationToken stoppingToken)
    {
        var paused = new HashSet<TopicPartition>();
        PauseAssigned(paused);
        gate.MarkHolding();
        logger.LogWarning("Consumption paused by the operator: {Count} partition(s) paused, polling on to stay in the group", paused.Count);
        var lagMeasured = DateTime.MinValue;
        var measure = new PausedLag();
        try
        {
            while (gate.IsPaused && !stoppingToken.IsCancellationRequested)
            {
                if (Consume(PausedPoll) is { } carried)
                    _carried.Enqueue(carried);
                status.Polled();
                PauseAssigned(paused);
                gate.MarkHolding(); // again: a pause asked anew while this one was ending
                if (DateTime.UtcNow - lagMeasured >= PausedLagInterval)
                {
                    lagMeasured = DateTime.UtcNow;
                    ReportPausedLag(measure);
                }
            }
        }
        finally
        {
            var assigned = consumer.Assignment.Where(paused.Contains).ToList();
            try
            {
                consumer.Resume(assigned);
            }
            catch (KafkaException e)
            {
                logger.LogWarning("Resuming partitions failed: {Reason}", e.Error.Reason);
            }
            stallDetector.Reset();
            logger.LogInformation("Consumption resumed: {Count} partition(s) resumed", assigned.Count);
        }
    }

    /// <summary>Pauses every assigned partition not yet in <paramref name="paused"/>, and forgets partitions no longer assigned.</summary>
    private void PauseAssigned(HashSet<TopicPartition> paused)
    {
        var assignment = consumer.Assignment;
        paused.IntersectWith(assignment);
        var fresh = assignment.Where(p => !paused.Contains(p)).ToList();
        if (fresh.Count == 0)
            return;
        try
        {
            consumer.Pause(fresh);
            paused.UnionWith(fresh);
        }
        catch (KafkaException e)
        {
            logger.LogWarning("Pausing partitions failed: {Reason}", e.Error.Reason);
        }
    }

    /// <summary>
    /// Retries the batch until it is durable; false only when the service is stopping first. Every failure reaching here
    /// is transient (the handler isolates what the store refuses permanently); when the store's schema is missing
    /// (a restored or wiped database) it is created again before the next attempt.
    /// </summary>
    private async Task<bool> HandleUntilDurableAsync(PreparedBatch batch, CancellationToken stoppingToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler.StoreAsync(batch, stoppingToken);
                status.Stored(batch.Count);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                var kind = store.Classify(e);
                status.Failed($"batch of {batch.Count} not stored (attempt {attempt}): {e.Message}");
                logger.LogError(e, "Batch of {Count} messages not stored (attempt {Attempt}, {Kind}); retrying in {Delay}", batch.Count, attempt, kind, delay);
                try { await Task.Delay(Jitter(delay), stoppingToken); }
                catch (OperationCanceledException) { return false; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                if (kind == StoreErrorKind.SchemaMissing)
                {
                    try { await storeInitializer.RecreateAsync(stoppingToken); }
                    catch (OperationCanceledException) { return false; }
                }
            }
        }
    }

    /// <summary>Commits the batch's handled messages, per partition, only where the partition is still owned in the epoch they were consumed in.</summary>
    private void Commit(PreparedBatch batch)
    {
        var offsets = batch.Messages
            .Where(m => m.Outcome is MessageOutcome.Stored or MessageOutcome.DeadLettered && ownership.IsCurrent(m.Result.TopicPartition, m.Epoch))
            .GroupBy(m => m.Result.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Max(m => m.Result.Offset.Value) + 1)))
            .ToList();
        var abandoned = batch.Messages.Count(m => m.Outcome == MessageOutcome.Abandoned);
        if (abandoned > 0)
            logger.LogInformation("{Count} message(s) of the batch left uncommitted: their partitions moved to another member", abandoned);
        if (offsets.Count == 0)
            return;
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e)
        {
            // The batch is stored; if the partition moved to another member it will be re-delivered there
            // and upserted again (same rows), so this costs work, never data.
            logger.LogWarning("Offset commit failed ({Reason}); the batch may be delivered again", e.Error.Reason);
        }
    }

    private void ReportLag()
    {
        var lags = new List<(string, int, long)>();
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High.Value >= 0 && position.Value >= 0)
                lags.Add((partition.Topic, partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value)));
        }
        metrics.ConsumerLag(lags);
    }

    /// <summary>What the paused loop knows between two measures: offsets the group committed, and each partition's last figure.</summary>
    private sealed class PausedLag
    {
        public Dictionary<TopicPartition, long> Committed { get; } = [];
        public Dictionary<TopicPartition, long> Last { get; } = [];
    }

    /// <summary>
    /// The lag while paused, measured at the broker: a paused partition fetches nothing, so the client's own watermarks
    /// would not move. Where this member has no position (nothing consumed since its assignment) the group's committed
    /// offset stands in, asked once per partition (nothing commits while paused); a partition the broker does not
    /// answer for in time keeps its last figure.
    /// </summary>
    private void ReportPausedLag(PausedLag known)
    {
        var assignment = consumer.Assignment;
        var unknown = assignment.Where(p => consumer.Position(p).Value < 0 && !known.Committed.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            try
            {
                foreach (var offset in consumer.Committed(unknown, PausedBrokerTimeout))
                    known.Committed[offset.TopicPartition] = offset.Offset.Value;
            }
            catch (KafkaException)
            {
                // asked again at the next measure
            }
        }
        var lags = new List<(string, int, long)>();
        foreach (var partition in assignment)
        {
            try
            {
                var high = consumer.QueryWatermarkOffsets(partition, PausedBrokerTimeout);
                var position = consumer.Position(partition).Value;
                if (position < 0 && known.Committed.TryGetValue(partition, out var committed))
                    position = committed >= 0 ? committed : high.Low.Value;
                if (high.High.Value >= 0 && position >= 0)
                    known.Last[partition] = Math.Max(0, high.High.Value - position);
            }
            catch (KafkaException)
            {
                // the broker did not answer in time: the partition keeps its last figure
            }
            if (known.Last.TryGetValue(partition, out var lag))
                lags.Add((partition.Topic, partition.Partition.Value, lag));
        }
        metrics.ConsumerLag(lags);
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + Random.Shared.NextDouble() * 0.4);
}
