using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>
/// The consumer loop of group <c>user-stream-processor</c>: collect a batch, make it durable with
/// <see cref="UserBatchHandler"/> (retrying with backoff for as long as the store is down), and only
/// then commit the batch's offsets. A crash or restart re-delivers at most the uncommitted batch,
/// and the store's upsert by id turns that into no duplicate rows.
/// </summary>
public sealed class ProcessorWorker(
    IConsumer<byte[]?, byte[]?> consumer,
    UserBatchHandler handler,
    UserStoreInitializer storeInitializer,
    ProcessorStatus status,
    ProcessorMetrics metrics,
    ConsumerStallDetector stallDetector,
    IOptions<ProcessorOptions> options,
    ILogger<ProcessorWorker> logger) : BackgroundService
{
    private readonly ProcessorOptions _options = options.Value;

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
        List<ConsumeResult<byte[]?, byte[]?>>? storingBatch = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = CollectBatch(consumer, storing, stoppingToken);
                status.Polled();
                stallDetector.Observe(batch.Count, busy: storing is not null);
                var prepared = batch.Count == 0 ? null : handler.Prepare(batch);
                if (storing is not null)
                {
                    if (!await storing)
                        break;
                    Commit(consumer, storingBatch!);
                    ReportLag(consumer);
                    storing = null;
                }
                if (prepared is null)
                    continue;
                storing = HandleUntilDurableAsync(prepared, stoppingToken);
                storingBatch = batch;
            }
            if (storing is not null && await storing)
                Commit(consumer, storingBatch!);
        }
        finally
        {
            // Leave the group at once so partitions move to other members without a session timeout.
            try { consumer.Close(); }
            catch (KafkaException e) { logger.LogWarning(e, "Closing the consumer failed"); }
        }
    }

    /// <summary>How long an idle consumer waits for a first message before it reports that it is polling.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>How often a collect that has nothing yet looks whether the batch being stored is done.</summary>
    private static readonly TimeSpan StoreCheckInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Up to <see cref="ProcessorOptions.BatchSize"/> messages: waits up to <see cref="IdleWait"/> for a first one (up to
    /// the batch window while another batch is being stored, and no longer than that store takes, so its commit is not
    /// held up), then up to the batch window for more.
    /// </summary>
    private List<ConsumeResult<byte[]?, byte[]?>> CollectBatch(IConsumer<byte[]?, byte[]?> consumer, Task? storing, CancellationToken stoppingToken)
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + (storing is null ? IdleWait : _options.BatchWindow);
        while (batch.Count < _options.BatchSize && !stoppingToken.IsCancellationRequested)
        {
            if (batch.Count == 0 && storing is { IsCompleted: true })
                break;
            var wait = deadline - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero)
                break;
            var slice = batch.Count == 0 && storing is not null && wait > StoreCheckInterval ? StoreCheckInterval : wait;
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(slice);
            }
            catch (ConsumeException e)
            {
                logger.LogWarning("Consume failed: {Reason}", e.Error.Reason);
                status.Failed($"consume failed: {e.Error.Reason}");
                break;
            }
            if (result is null)
            {
                if (slice < wait)
                    continue; // only a slice of the wait has passed
                break;
            }
            if (batch.Count == 0)
                deadline = DateTime.UtcNow + _options.BatchWindow;
            batch.Add(result);
        }
        return batch;
    }

    /// <summary>Retries the batch until it is durable; false only when the service is stopping first.</summary>
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
                status.Failed($"batch of {batch.Count} not stored (attempt {attempt}): {e.Message}");
                logger.LogError(e, "Batch of {Count} messages not stored (attempt {Attempt}); retrying in {Delay}", batch.Count, attempt, delay);
                try { await Task.Delay(Jitter(delay), stoppingToken); }
                catch (OperationCanceledException) { return false; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        var offsets = batch
            .GroupBy(r => r.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Max(r => r.Offset.Value) + 1)))
            .ToList();
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

    private void ReportLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        long lag = 0;
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High.Value >= 0 && position.Value >= 0)
                lag += Math.Max(0, watermarks.High.Value - position.Value);
        }
        metrics.ConsumerLag(lag);
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + Random.Shared.NextDouble() * 0.4);
}
