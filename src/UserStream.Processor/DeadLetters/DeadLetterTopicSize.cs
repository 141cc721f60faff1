using Microsoft.Extensions.Options;
using UserStream.Processor.Consuming;

namespace UserStream.Processor.DeadLetters;

/// <summary>Measures the dead-letter topic's size every <see cref="Interval"/> for <c>userstream.processor.dead_letter_topic_messages</c>.</summary>
public sealed class DeadLetterTopicSize(KafkaGroupLagProbe probe, ProcessorMetrics metrics, IOptions<ProcessorOptions> options, ILogger<DeadLetterTopicSize> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    metrics.DeadLetterTopicMessages((await probe.DescribeAsync(options.Value.DeadLetterTopic, withGroup: false, stoppingToken)).Messages);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A figure for the dashboard: the next measure tries again; nothing here may stop the processor.
                    logger.LogDebug("The dead-letter topic's size could not be measured: {Error}", e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
