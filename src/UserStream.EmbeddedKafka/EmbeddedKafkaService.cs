using System.Net;
using Microsoft.Extensions.Options;
using UserStream.EmbeddedKafka;

namespace UserStream.EmbeddedKafka;

/// <summary>Runs the broker for the life of the process: start, create the topics, forward the stable port; stop on SIGTERM.</summary>
public sealed class EmbeddedKafkaService(IOptions<EmbeddedKafkaOptions> options, ILogger<EmbeddedKafkaService> logger) : IHostedService
{
    private EmbeddedKafkaBroker? _broker;
    private BootstrapForwarder? _forwarder;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _broker = EmbeddedKafkaBroker.Start(settings.Brokers);
        foreach (var (topic, partitions) in settings.Topics)
        {
            _broker.CreateTopic(topic, partitions);
            logger.LogInformation("topic {Topic}: {Partitions} partitions", topic, partitions);
        }

        var (host, port) = FirstAddress(_broker.BootstrapServers);
        _forwarder = new BootstrapForwarder(new IPEndPoint(IPAddress.Loopback, settings.Port), host, port, logger);
        _forwarder.Start();
        logger.LogInformation(
            "embedded Kafka-protocol broker ({Brokers} broker(s), in memory) listening on 127.0.0.1:{Port} (brokers at {BrokerAddresses})",
            settings.Brokers, _forwarder.Port, _broker.BootstrapServers);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_forwarder is not null)
            await _forwarder.DisposeAsync();
        _broker?.Dispose();
        logger.LogInformation("embedded broker stopped; its data is gone (it lives in memory only)");
    }

    private static (string Host, int Port) FirstAddress(string bootstrapServers)
    {
        var first = bootstrapServers.Split(',')[0];
        var colon = first.LastIndexOf(':');
        return (first[..colon], int.Parse(first[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
