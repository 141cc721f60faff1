using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserStream.Kafka.Native;

namespace UserStream.Confluent.Kafka;

/// <summary>
/// At start-up, logs the librdkafka version (and file) actually loaded and stops the host with a clear
/// error when it is not the one librdkafka.redist ships (<see cref="LibrdkafkaVersionCheck"/>).
/// </summary>
internal sealed partial class LibrdkafkaVersionCheckService(ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(ConfluentKafkaCommon.LogCategoryName);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = LibrdkafkaVersionCheck.EnsureExpectedVersion();
            LogLoaded(_logger, version, string.Join(", ", LibrdkafkaLocation.LoadedPaths()));
        }
        catch (InvalidOperationException e)
        {
            LogRefused(_logger, e.Message);
            throw;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "librdkafka {Version} loaded from {Path}")]
    private static partial void LogLoaded(ILogger logger, string version, string path);

    [LoggerMessage(LogLevel.Critical, "Not starting: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
