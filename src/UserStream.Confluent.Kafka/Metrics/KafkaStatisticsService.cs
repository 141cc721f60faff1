using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UserStream.Confluent.Kafka.Metrics;

/// <summary>Turns the statistics JSON the clients publish into measurements of <see cref="ConfluentKafkaMetrics"/>.</summary>
internal sealed partial class KafkaStatisticsService(KafkaStatisticsChannel channel, ConfluentKafkaMetrics metrics, ILogger<KafkaStatisticsService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var json in channel.Reader.ReadAllAsync(stoppingToken))
            {
                LibrdkafkaStatistics? statistics = null;
                try
                {
                    statistics = JsonSerializer.Deserialize(json, LibrdkafkaStatisticsJson.Default.LibrdkafkaStatistics);
                }
                catch (JsonException)
                {
                }
                if (statistics?.Name is null)
                {
                    LogUnreadable(logger, json.Length > 200 ? json[..200] : json);
                    continue;
                }
                metrics.Record(statistics);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "librdkafka statistics not understood, skipped: {Start}")]
    private static partial void LogUnreadable(ILogger logger, string start);
}
