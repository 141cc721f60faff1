using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UserStream.Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Processor.Consuming;

namespace UserStream.Processor.DeadLetters;

/// <summary>
/// Reads the dead-letter topic (GET /dead-letters) and replays its originals to the topic they came from
/// (POST /dead-letters/replay). Each call reads with a consumer of its own, assigned partition by partition and never
/// committing, so it joins no group and moves no offset; calls run one at a time.
/// </summary>
public sealed class DeadLetterTopic(
    KafkaConsumerFactory<byte[]?, byte[]?> consumers,
    KafkaGroupLagProbe probe,
    IProducer<byte[]?, byte[]?> producer,
    IOptions<ProcessorOptions> options,
    ILogger<DeadLetterTopic> logger)
{
    /// <summary>The header a replayed message carries: <c>users_created.dlq/partition@offset</c> of its dead letter.</summary>
    public const string ReplayedFromHeader = "replayed-from";

    public const int DefaultLimit = 50, MaxLimit = 500;

    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly ProcessorOptions _options = options.Value;

    /// <summary>Dead letters from <paramref name="pageToken"/> on (by partition, then offset), those of <paramref name="reason"/> only when given.</summary>
    public Task<DeadLetterPage> ListAsync(string? reason, int limit, string? pageToken, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() =>
        {
            var start = pageToken is null ? (0, 0L) : ParseToken(pageToken);
            var items = new List<DeadLetter>();
            (int, long)? next = null;
            Scan(start, fromOffset: null, (result, letter) =>
            {
                if (reason is not null && letter.Reason != reason)
                    return true;
                items.Add(letter);
                if (items.Count < limit)
                    return true;
                next = (letter.Partition, letter.Offset + 1);
                return false;
            });
            return new DeadLetterPage(items, next is { } n ? Token(n) : null);
        }, cancellationToken);

    /// <summary>
    /// Publishes the originals of the dead letters of <paramref name="reason"/> (all when null) at or after
    /// <paramref name="fromOffset"/> in each partition to <see cref="ProcessorOptions.Topic"/>: key, value and headers as
    /// they came, the dlq-* headers left out, <see cref="ReplayedFromHeader"/> added. Reads up to where the topic ended when
    /// the replay began, so what fails again and is dead-lettered again is not replayed by the same call.
    /// </summary>
    public Task<ReplayResult> ReplayAsync(string? reason, long fromOffset, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() =>
        {
            var replayed = 0;
            var truncated = 0;
            var deliveries = new List<Task<DeliveryResult<byte[]?, byte[]?>>>();
            Scan((0, 0L), fromOffset, (result, letter) =>
            {
                if (reason is not null && letter.Reason != reason)
                    return true;
                if (letter.Truncated)
                {
                    truncated++;
                    return true;
                }
                var headers = new Headers();
                foreach (var header in result.Message.Headers ?? [])
                    if (!header.Key.StartsWith("dlq-", StringComparison.Ordinal) && header.Key != ReplayedFromHeader)
                        headers.Add(header.Key, header.GetValueBytes());
                headers.AddString(ReplayedFromHeader, $"{_options.DeadLetterTopic}/{letter.Partition}@{letter.Offset}");
                deliveries.Add(producer.ProduceAsync(_options.Topic,
                    new Message<byte[]?, byte[]?> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers }, cancellationToken));
                replayed++;
                return true;
            });
            Task.WhenAll(deliveries).GetAwaiter().GetResult();
            logger.LogInformation("Replayed {Count} dead letter(s) of {Reason} to {Topic} ({Truncated} cut down, not replayed)",
                replayed, reason ?? "every reason", _options.Topic, truncated);
            return new ReplayResult(replayed, truncated, _options.Topic);
        }, cancellationToken);

    /// <summary>
    /// Hands each dead letter from <paramref name="start"/> (or from <paramref name="fromOffset"/> in every partition) to
    /// <paramref name="visit"/> until it answers false or every partition is read up to its end as it was when read.
    /// </summary>
    private void Scan((int Partition, long Offset) start, long? fromOffset, Func<ConsumeResult<byte[]?, byte[]?>, DeadLetter, bool> visit)
    {
        var settings = consumers.Config.ToDictionary(c => c.Key, c => c.Value);
        settings.Remove("statistics.interval.ms");
        var config = new ConsumerConfig(settings)
        {
            GroupId = $"{_options.GroupId}-dead-letter-reader",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        // The partitions and where each ends now, as GET /topics gives them: read up to there and no further.
        var partitions = probe.Describe(_options.DeadLetterTopic, withGroup: false).PartitionDetails.Where(p => p.Partition >= start.Partition);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        try
        {
            foreach (var marks in partitions)
            {
                var partition = marks.Partition;
                var topicPartition = new TopicPartition(_options.DeadLetterTopic, partition);
                var from = Math.Max(marks.Low, fromOffset ?? (partition == start.Partition ? start.Offset : 0));
                if (from >= marks.High)
                    continue;
                consumer.Assign(new TopicPartitionOffset(topicPartition, from));
                while (true)
                {
                    var result = consumer.Consume(BrokerTimeout)
                        ?? throw new TimeoutException($"{_options.DeadLetterTopic}/{partition} gave no record within {BrokerTimeout.TotalSeconds:0} s");
                    if (result.IsPartitionEOF)
                        break;
                    if (!visit(result, Letter(result)))
                        return;
                    if (result.Offset.Value + 1 >= marks.High)
                        break;
                }
                consumer.Unassign();
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private static DeadLetter Letter(ConsumeResult<byte[]?, byte[]?> result)
    {
        var headers = result.Message.Headers;
        string? Text(string name) => headers is not null && headers.TryGetLastBytes(name, out var bytes) && bytes is not null ? AsText(bytes) ?? Convert.ToBase64String(bytes) : null;
        var (key, keyBase64) = Both(result.Message.Key);
        var (value, valueBase64) = Both(result.Message.Value);
        return new DeadLetter(result.Partition.Value, result.Offset.Value, Text(MessageHeaders.DeadLetterReason), Text(MessageHeaders.DeadLetterDetail),
            Text(MessageHeaders.DeadLetterSource), key, keyBase64, value, valueBase64, Text(MessageHeaders.DeadLetterTruncated) == "true",
            Text(ReplayedFromHeader), result.Message.Timestamp.UtcDateTime);
    }

    private static (string? Text, string? Base64) Both(byte[]? bytes) =>
        bytes is null ? (null, null) : AsText(bytes) is { } text ? (text, null) : (null, Convert.ToBase64String(bytes));

    private static string? AsText(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A page token: the next partition and offset, base64url.</summary>
    private static string Token((int Partition, long Offset) next) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{next.Partition}:{next.Offset}")));

    /// <summary>Reads a page token; <see cref="FormatException"/> when it is not one.</summary>
    public static (int Partition, long Offset) ParseToken(string token)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':');
            if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return (partition, offset);
        }
        catch (FormatException)
        {
        }
        throw new FormatException("pageToken is not a token this endpoint gave out.");
    }

    private async Task<T> OneAtATimeAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // The consumer blocks: off the request's thread.
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
