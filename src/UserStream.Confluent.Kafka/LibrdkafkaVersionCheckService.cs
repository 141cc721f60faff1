using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserStream.Confluent.Kafka.Native;

namespace UserStream.Confluent.Kafka;

/// <summary>
/// Logs the librdkafka version (and file) actually loaded, once, before the first client is built, and
/// stops the host with a clear error when it is not the one librdkafka.redist ships
/// (<see cref="LibrdkafkaVersionCheck"/>). Runs again as a hosted service, so a host whose clients are
/// built late still refuses to start.
/// </summary>
internal sealed partial class LibrdkafkaVersionCheckService : IHostedService
{
    private readonly Lazy<string> _checked;

    public LibrdkafkaVersionCheckService(ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(ConfluentKafkaCommon.LogCategoryName);
        _checked = new Lazy<string>(() =>
        {
            try
            {
                var version = LibrdkafkaVersionCheck.EnsureExpectedVersion();
                LogLoaded(logger, version, string.Join(", ", LibrdkafkaLocation.LoadedPaths()));
                return version;
            }
            catch (InvalidOperationException e)
            {
                LogRefused(logger, e.Message);
                throw;
            }
        });
    }

    /// <summary>Checks (and logs) once; throws on every call when the check failed.</summary>
    public string EnsureChecked() => _checked.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureChecked();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "librdkafka {Version} loaded from {Path}")]
    private static partial void LogLoaded(ILogger logger, string version, string path);

    [LoggerMessage(LogLevel.Critical, "Not starting: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
